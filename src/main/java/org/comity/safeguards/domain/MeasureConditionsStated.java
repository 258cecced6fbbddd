package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Measure;
import org.comity.safeguards.Severity;

/**
 * Conditions and safeguards of coercive measures: who authorised the measure, on what grounds, why it
 * is proportionate, and for how long (for continuing measures). The treaties bind each State's own
 * powers to such conditions, "as appropriate", and the requested State applies its own when it
 * executes; they do not make these items contents of a request. So: Comity policy bars sending a
 * request of ours without them; an incoming one without them needs a senior reviewer (a concern),
 * who asks for them if execution needs them. Preservation has its own contents list and is skipped.
 * Authorisation by a body that is neither judicial nor independent needs a senior reviewer.
 */
final class MeasureConditionsStated implements Rule {

    @Override
    public String id() {
        return "measure-conditions";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var measure = input.measure();
        if (!measure.seeksData() || measure == Measure.EXPEDITED_PRESERVATION) {
            return;
        }
        var c = input.conditions();
        var missing = new ArrayList<String>();
        if (c == null || !c.authorisingBody()) {
            missing.add("conditions.authorisingBody");
        }
        if (c == null || !c.legalGrounds()) {
            missing.add("conditions.legalGrounds");
        }
        if (c == null || !c.proportionality()) {
            missing.add("conditions.proportionality");
        }
        boolean continuing = measure == Measure.REAL_TIME_TRAFFIC || measure == Measure.INTERCEPTION;
        if (continuing && (c == null || c.durationDays() == null)) {
            missing.add("conditions.durationDays");
        }
        if (!missing.isEmpty()) {
            // In an emergency the items may follow the request; the reviewer checks they do.
            var severity = context.outgoing() && !input.emergency().declared() ? Severity.BAR : Severity.CONCERN;
            findings.add(
                    this,
                    severity,
                    context.outgoing() || !context.underUncc()
                            ? List.of("conditions")
                            : List.of("conditions", "further-information"),
                    context.outgoing()
                            ? "The request does not state " + Words.and(missing) + ". Comity policy: requests this"
                                    + " node sends state who authorised the measure, on what grounds, why it is"
                                    + " proportionate and, for continuing measures, for how long."
                                    + (input.emergency().declared()
                                            ? " In an emergency the items may follow the request."
                                            : "")
                            : "The request does not state " + Words.and(missing) + ". "
                                    + Words.sentence(context.instrumentName())
                                    + " does not require a request to state them, but " + context.requested()
                                    + " applies its own conditions and safeguards when executing the measure.",
                    missing,
                    context.outgoing()
                            ? "Complete the missing items before sending."
                            : "Ask the requesting State for the items if executing the measure under "
                                    + context.requested() + "'s law needs them.");
        }
        if (c != null && c.authorisingBody() && !c.judicialOrIndependent()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    List.of("conditions"),
                    "The measure was authorised by a body that is neither judicial nor otherwise independent"
                            + " (conditions.judicialOrIndependent).",
                    List.of("conditions.judicialOrIndependent"),
                    "Check which review the measure had, and whether the requested State's law requires a"
                            + " judicial order for it.");
        }
    }
}
