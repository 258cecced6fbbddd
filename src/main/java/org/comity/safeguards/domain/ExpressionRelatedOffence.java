package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.Severity;

/**
 * Nothing in the Convention permits suppressing expression, conscience, opinion, religion or belief,
 * peaceful assembly or association. That is a rule of interpretation, not a refusal ground: the
 * requested State refuses on essential interests or persecution, unless the offence is a restriction
 * human-rights law allows. Comity policy makes a request resting only on such offences a bar that no
 * grant on another basis lifts; one that also charges other offences is weighed (a ground). Offences
 * flagged assembly (unauthorised protest, banned organisations) are the same Art 6(2) concern.
 */
final class ExpressionRelatedOffence implements Rule {

    @Override
    public String id() {
        return "expression-related-offence";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var expression = context.offences().stream()
                .filter(o -> o.flags().contains(OffenceFlag.EXPRESSION_RELATED)
                        || o.flags().contains(OffenceFlag.ASSEMBLY))
                .toList();
        if (expression.isEmpty()) {
            return;
        }
        boolean only = expression.size() == context.offences().size();
        var labels = Words.and(expression.stream().map(ChargedView::label).toList());
        findings.add(
                this,
                only ? Severity.BAR : Severity.GROUND,
                List.of("expression"),
                labels + (expression.size() == 1 ? " is" : " are")
                        + " used against expression or peaceful assembly. "
                        + (context.underUncc()
                                ? "The UN Convention gives no basis for assistance that would suppress expression,"
                                        + " conscience, belief, assembly or association."
                                : "Assistance that would suppress expression, belief, assembly or association is"
                                        + " for " + context.requested() + "'s law and essential interests to refuse.")
                        + " Unless the offence is a restriction human-rights law allows (such as incitement to"
                        + " violence), " + context.requested() + " can refuse on "
                        + (context.underUncc() ? "essential interests or persecution." : "essential interests.")
                        + (only
                                ? " The request rests on nothing else. Comity policy: a bar, which no other"
                                        + " basis (reciprocity, domestic law) lifts; refuse, or ask for other offences."
                                : " Only the other offences can support assistance."),
                expression.stream().map(o -> o.field("flags")).toList(),
                only
                        ? "After consulting the requesting State, refuse with reasons; or the requesting State shows"
                                + " conduct that is not protected expression, such as a Convention offence."
                        : "Confine any assistance to the other offences, with conditions on use (speciality) that"
                                + " exclude the expression-related ones.");
    }
}
