package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.AssessmentInput.Subject.Role;
import org.comity.safeguards.FindingSource;
import org.comity.safeguards.ReviewerFacts;
import org.comity.safeguards.Severity;

/**
 * A person the requested State protects as a refugee, or whose asylum claim it is deciding, has shown
 * it a well-founded fear of persecution: a strong indicator that a request about them serves it. For
 * extradition it is non-refoulement, international human-rights and refugee law whatever the treaty
 * says (recognised refugee: a bar; claim pending: a ground). For evidence the indicator is Comity's
 * advisory practice, not a ground of the Convention's persecution clause, whose characteristics the
 * reviewer checks against what the protection was granted for (a ground; pending claim: a concern). A
 * protected victim or witness is only a note: their whereabouts must not reach the requesting State.
 */
final class ProtectionStatus implements Rule {

    private static final FindingSource NON_REFOULEMENT = new FindingSource.HumanRightsLaw("CSR51", "non-refoulement");

    @Override
    public String id() {
        return "protection-status";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.humanRights("non-refoulement"), Attribution.ADVISORY_PRACTICE);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var facts = input.reviewerFacts();
        for (int k = 0; k < facts.subjects().size(); k++) {
            var fact = facts.subjects().get(k);
            if (fact.protection() == null) {
                continue;
            }
            var subject = input.subjects().get(fact.subject());
            boolean refugee = fact.protection() == ReviewerFacts.Protection.REFUGEE;
            var status = refugee ? "refugee" : "asylum-seeker";
            var fields = List.of("reviewer.subjects[" + k + "].protection", Words.subject(fact.subject()) + ".role");
            if (subject.role() == Role.VICTIM || subject.role() == Role.WITNESS) {
                findings.add(
                        this,
                        Severity.NOTE,
                        Context.ADVISORY,
                        List.of("data-protection"),
                        Findings.message(
                                "protection-status.not-targeted",
                                "subject",
                                fact.subject() + 1,
                                "status",
                                status,
                                "state",
                                context.requested(),
                                "requesting",
                                context.requesting()),
                        fields);
            } else if (input.measure().surrender()) {
                findings.add(
                        this,
                        refugee ? Severity.BAR : Severity.GROUND,
                        NON_REFOULEMENT,
                        List.of("non-refoulement"),
                        Findings.message(
                                "protection-status.extradition",
                                "subject",
                                fact.subject() + 1,
                                "status",
                                status,
                                "state",
                                context.requested(),
                                "requesting",
                                context.requesting()),
                        fields);
            } else {
                findings.add(
                        this,
                        refugee ? Severity.GROUND : Severity.CONCERN,
                        Context.ADVISORY,
                        List.of("essential-interests"),
                        Findings.message(
                                "protection-status.evidence",
                                "subject",
                                fact.subject() + 1,
                                "status",
                                status,
                                "state",
                                context.requested(),
                                "requesting",
                                context.requesting()),
                        fields);
            }
        }
    }
}
