package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.AssessmentInput.Subject.Role;
import org.comity.safeguards.Severity;

/**
 * Relatives of a suspect are reached lawfully as witnesses or account holders every day, and unlawfully
 * as a means of pressure on someone abroad (transnational repression). A relative in a request with no
 * sign of persecution is a note: the requested State's law may spare relatives from giving evidence.
 * Beside a sign of persecution (an offence flagged political, expression-related or assembly, a
 * subject's recorded characteristic or protection status) it is a concern for a senior reviewer.
 * Comity's advisory practice: no instrument names relatives.
 */
final class FamilyOfSuspect implements Rule {

    @Override
    public String id() {
        return "family-of-suspect";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var facts = input.reviewerFacts();
        if (facts.subjects().isEmpty()) {
            return;
        }
        boolean persecution = context.offences().stream()
                        .anyMatch(o -> o.flags().contains(OffenceFlag.POLITICAL)
                                || o.flags().contains(OffenceFlag.EXPRESSION_RELATED)
                                || o.flags().contains(OffenceFlag.ASSEMBLY))
                || input.subjects().stream().anyMatch(s -> !s.characteristics().isEmpty())
                || facts.subjects().stream().anyMatch(s -> s.protection() != null);
        for (int k = 0; k < facts.subjects().size(); k++) {
            var fact = facts.subjects().get(k);
            var role = input.subjects().get(fact.subject()).role();
            if (!fact.familyOfSuspect() || role == Role.SUSPECT || role == Role.ACCUSED) {
                continue;
            }
            findings.add(
                    this,
                    persecution ? Severity.CONCERN : Severity.NOTE,
                    Context.ADVISORY,
                    persecution ? List.of("patterns") : List.of("conditions"),
                    Findings.message(
                            persecution ? "family-of-suspect.pressure" : "family-of-suspect.relative",
                            "subject",
                            fact.subject() + 1,
                            "state",
                            context.requested()),
                    List.of("reviewer.subjects[" + k + "].familyOfSuspect"));
        }
    }
}
