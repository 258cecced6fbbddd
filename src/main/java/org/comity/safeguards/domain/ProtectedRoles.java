package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.AssessmentInput.Subject;
import org.comity.safeguards.ProtectedRole;
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
            var roles = Words.and(subject.protectedRoles().stream()
                    .sorted()
                    .map(ProtectedRole::words)
                    .toList());
            var field = List.of(Words.subject(i) + ".protectedRoles");
            boolean targeted = subject.role() != Subject.Role.VICTIM && subject.role() != Subject.Role.WITNESS;
            if (!targeted) {
                findings.add(
                        this,
                        Severity.NOTE,
                        List.of("protected-role"),
                        Words.subject(i) + ", a " + roles + ", appears as a victim or witness, not as a target.",
                        field,
                        "Protect their sources and communications when the data are handled.");
                continue;
            }
            var list = new ArrayList<String>();
            list.add("protected-role");
            findings.add(
                    this,
                    Severity.CONCERN,
                    list,
                    "Comity policy indicator (not a treaty ground): " + Words.subject(i) + " is a " + roles + " ("
                            + field.getFirst() + ")."
                            + (speechOrPolitics
                                    ? " A request aimed at a person in this role together with political or"
                                            + " expression-related charges matches a known pattern of transnational"
                                            + " repression."
                                    : " People in this role are frequent targets of requests that aim at their"
                                            + " work rather than at a crime."),
                    field,
                    "A senior reviewer checks that the facts show a crime unrelated to the person's work, weighs"
                            + " the persecution and expression findings if any, and considers conditions protecting"
                            + " sources and privileged communications.");
        }
    }
}
