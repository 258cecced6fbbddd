package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.AssessmentInput.Subject;
import org.comity.safeguards.Severity;

/**
 * Journalists, human-rights defenders, lawyers, political opposition and security researchers are the
 * usual targets of transnational repression. No treaty names these roles: this is a Comity policy
 * indicator, read against the human-rights clause. Aimed at them, a request needs a senior reviewer (a
 * concern), with or without political or expression-related charges; the refusal grounds themselves
 * are carried by the persecution, political-offence and expression rules.
 */
final class ProtectedRoles implements Rule {

    @Override
    public String id() {
        return "protected-role";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var subjects = context.input().subjects();
        boolean speechOrPolitics = context.offences().stream()
                .anyMatch(o -> o.flags().contains(OffenceFlag.EXPRESSION_RELATED)
                        || o.flags().contains(OffenceFlag.POLITICAL)
                        || o.flags().contains(OffenceFlag.ASSEMBLY));
        for (int i = 0; i < subjects.size(); i++) {
            var subject = subjects.get(i);
            if (subject.protectedRoles().isEmpty()) {
                continue;
            }
            var roles = subject.protectedRoles().stream()
                    .sorted()
                    .map(r -> "@role."
                            + r.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .toList();
            var field = List.of(Words.subject(i) + ".protectedRoles");
            boolean targeted = subject.role() != Subject.Role.VICTIM && subject.role() != Subject.Role.WITNESS;
            if (!targeted) {
                findings.add(
                        this,
                        Severity.NOTE,
                        Context.ADVISORY,
                        List.of("protected-role"),
                        Findings.message("protected-role.victim", "subject", i + 1, "roles", roles),
                        field);
                continue;
            }
            findings.add(
                    this,
                    Severity.CONCERN,
                    Context.ADVISORY,
                    List.of("protected-role"),
                    Findings.message(
                            "protected-role.target",
                            "subject",
                            i + 1,
                            "roles",
                            roles,
                            "pattern",
                            speechOrPolitics ? "yes" : "no"),
                    field);
        }
    }
}
