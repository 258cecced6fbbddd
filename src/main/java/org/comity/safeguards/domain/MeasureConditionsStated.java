package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Measure;
import org.comity.safeguards.Severity;

/**
 * Conditions and safeguards of coercive measures: who authorised the measure, on what grounds, why it
 * is proportionate, and for how long (for continuing measures). Missing, an outgoing request cannot be
 * sent (a bar) and an incoming one is not in conformity (a ground); authorisation by a body that is
 * neither judicial nor independent needs a senior reviewer.
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
        if (!measure.seeksData()) {
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
            var severity = input.emergency().declared()
                    ? Severity.CONCERN
                    : context.outgoing() ? Severity.BAR : Severity.GROUND;
            findings.add(
                    this,
                    severity,
                    List.of("conditions"),
                    "The request does not state " + Words.and(missing)
                            + ", which every coercive measure must be subject to.",
                    missing,
                    context.outgoing()
                            ? "Complete the missing items before sending."
                            : "Ask the requesting State for the missing items; the request is not in conformity"
                                    + " until then.");
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
