package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Severity;

/**
 * Conditions and safeguards of coercive measures: who authorised the measure, on what grounds, why it
 * is proportionate, and for how long (for continuing measures). The treaties bind each State's own
 * powers to such conditions, "as appropriate", and the requested State applies its own when it
 * executes; they do not make these items contents of a request. So this built-in rule only ever notes
 * what is missing (severity follows who requires what): what the requested State's law requires is its
 * policy pack's to say, with its own rule over {@code request.conditions}, and then that rule's severity
 * applies, to incoming requests and to the requests this node sends that State alike. Preservation has
 * its own contents list and is skipped.
 */
final class MeasureConditionsStated implements Rule {

    @Override
    public String id() {
        return "measure-conditions";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var measure = input.measure();
        if (!measure.seeksData() || measure.preserves()) {
            return;
        }
        var c = input.conditions();
        var missing = new ArrayList<String>();
        var fields = new ArrayList<String>();
        if (c == null || !c.authorisingBody()) {
            missing.add("@conditions.authorising-body");
            fields.add("conditions.authorisingBody");
        }
        if (c == null || !c.legalGrounds()) {
            missing.add("@conditions.legal-grounds");
            fields.add("conditions.legalGrounds");
        }
        if (c == null || !c.proportionality()) {
            missing.add("@conditions.proportionality");
            fields.add("conditions.proportionality");
        }
        boolean continuing = measure.continuing();
        if (continuing && (c == null || c.durationDays() == null)) {
            missing.add("@conditions.duration");
            fields.add("conditions.durationDays");
        }
        var requested = context.requested();
        if (!missing.isEmpty()) {
            findings.add(
                    this,
                    Severity.NOTE,
                    Context.ADVISORY,
                    context.outgoing() || !context.underUncc()
                            ? List.of("conditions")
                            : List.of("conditions", "further-information"),
                    Findings.explained(
                            "measure-conditions.unstated.explanation",
                            context.outgoing()
                                    ? "measure-conditions.unstated.outgoing"
                                    : "measure-conditions.unstated.incoming",
                            "missing",
                            missing,
                            "instrument",
                            context.instrumentWord(),
                            "state",
                            requested,
                            "outgoing",
                            context.outgoing() ? "yes" : "no"),
                    fields);
        }
        if (c != null && c.authorisingBody() && !c.judicialOrIndependent()) {
            findings.add(
                    this,
                    Severity.NOTE,
                    Context.ADVISORY,
                    List.of("conditions"),
                    Findings.message("measure-conditions.not-independent", "state", requested),
                    List.of("conditions.judicialOrIndependent"));
        }
    }
}
