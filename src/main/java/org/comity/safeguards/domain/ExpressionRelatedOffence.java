package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.Severity;

/**
 * Nothing in the Convention permits suppressing expression, conscience, opinion, religion or belief,
 * peaceful assembly or association. A request resting only on such offences cannot be granted or sent
 * under it (a bar); one that also charges other offences is weighed (a ground).
 */
final class ExpressionRelatedOffence implements Rule {

    @Override
    public String id() {
        return "expression-related-offence";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var expression = context.offences().stream()
                .filter(o -> o.flags().contains(OffenceFlag.EXPRESSION_RELATED))
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
                labels + (expression.size() == 1 ? " punishes" : " punish")
                        + " expression, belief, assembly or association (offences[].flags: expression-related)."
                        + (only
                                ? " The request rests on nothing else, and the Convention cannot be used to"
                                        + " suppress those freedoms, so it cannot be " + context.actWord()
                                        + " as it stands."
                                : " Assistance must not serve to suppress those freedoms; only the other offences"
                                        + " can support it."),
                expression.stream().map(o -> o.field("flags")).toList(),
                only
                        ? "Refuse, giving reasons; or the requesting State must show conduct that is not expression,"
                                + " such as a Convention offence."
                        : "Confine any assistance to the other offences, with conditions on use (speciality) that"
                                + " exclude the expression-related ones.");
    }
}
