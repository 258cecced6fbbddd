package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.AssessmentInput.Subject;
import org.comity.safeguards.ProtectedRole;
import org.comity.safeguards.Severity;

/**
 * Journalists, human-rights defenders, lawyers, political opposition and security researchers are the
 * usual targets of transnational repression. Aimed at them, a request needs a senior reviewer; combined
 * with political or expression-related offences it is a refusal ground to weigh.
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
                        || o.flags().contains(OffenceFlag.POLITICAL));
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
                    speechOrPolitics ? Severity.GROUND : Severity.CONCERN,
                    list,
                    Words.subject(i) + " is a " + roles + " (" + field.getFirst() + ")."
                            + (speechOrPolitics
                                    ? " The request also charges political or expression-related offences: the"
                                            + " pattern of using criminal cooperation against the person's work."
                                    : " People in this role are frequent targets of requests that aim at their"
                                            + " work rather than at a crime."),
                    field,
                    speechOrPolitics
                            ? "Weigh refusal; granting needs a written justification that the request targets a"
                                    + " crime and not the person's work, and a second approver."
                            : "A senior reviewer checks that the facts show a crime unrelated to the person's work,"
                                    + " and considers conditions protecting sources and privileged communications.");
        }
    }
}
