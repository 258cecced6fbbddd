package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.Severity;

/**
 * Nothing in the Convention permits suppressing expression, conscience, opinion, religion or belief,
 * peaceful assembly or association. That is a rule of interpretation, not a refusal ground: the
 * requested State refuses on essential interests or persecution, unless the offence is a restriction
 * human-rights law allows. Comity policy makes a request resting only on such offences a bar that no
 * other basis (reciprocity, domestic law) lifts; one that also charges other offences is weighed (a
 * ground). Offences
 * flagged assembly (unauthorised protest, banned organisations) are the same Art 6(2) concern.
 */
final class ExpressionRelatedOffence implements Rule {

    @Override
    public String id() {
        return "expression-related-offence";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE);
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
        findings.add(
                this,
                only ? Severity.BAR : Severity.GROUND,
                Context.ADVISORY,
                List.of("expression"),
                Findings.explained(
                        "expression-related-offence." + (context.underUncc() ? "uncc" : "other") + ".explanation",
                        only ? "expression-related-offence.only" : "expression-related-offence.some",
                        "offences",
                        expression.stream().map(ChargedView::label).toList(),
                        "count",
                        expression.size(),
                        "state",
                        context.requested(),
                        "only",
                        only ? "yes" : "no"),
                expression.stream().map(o -> o.field("flags")).toList());
    }
}
