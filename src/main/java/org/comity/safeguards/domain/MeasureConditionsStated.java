package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Measure;
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
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var measure = input.measure();
        if (!measure.seeksData() || measure == Measure.EXPEDITED_PRESERVATION) {
            return;
        }
        var c = input.conditions();
        var missing = new ArrayList<String>();
        var fields = new ArrayList<String>();
        if (c == null || !c.authorisingBody()) {
            missing.add("who authorised the measure");
            fields.add("conditions.authorisingBody");
        }
        if (c == null || !c.legalGrounds()) {
            missing.add("its legal grounds");
            fields.add("conditions.legalGrounds");
        }
        if (c == null || !c.proportionality()) {
            missing.add("why it is proportionate");
            fields.add("conditions.proportionality");
        }
        boolean continuing = measure == Measure.REAL_TIME_TRAFFIC || measure == Measure.INTERCEPTION;
        if (continuing && (c == null || c.durationDays() == null)) {
            missing.add("how long it is to last");
            fields.add("conditions.durationDays");
        }
        var requested = context.requested();
        if (!missing.isEmpty()) {
            findings.add(
                    this,
                    Severity.NOTE,
                    context.outgoing() || !context.underUncc()
                            ? List.of("conditions")
                            : List.of("conditions", "further-information"),
                    "The request does not say " + Words.and(missing) + ". "
                            + Words.sentence(context.instrumentName())
                            + " does not require a request to state this; " + requested
                            + " applies the conditions and safeguards of its own law when it executes the measure"
                            + (context.outgoing()
                                    ? ", and may ask for them before it does."
                                    : ", and must make sure they are met."),
                    fields,
                    context.outgoing()
                            ? "Consider stating them (Comity's advice): it spares a request for more information."
                            : "If executing the measure under " + requested + "'s law needs them, ask the"
                                    + " requesting State for them before executing.");
        }
        if (c != null && c.authorisingBody() && !c.judicialOrIndependent()) {
            findings.add(
                    this,
                    Severity.NOTE,
                    List.of("conditions"),
                    "The measure was authorised by a body that is neither a court nor otherwise independent.",
                    List.of("conditions.judicialOrIndependent"),
                    "Check whether " + requested + "'s law requires a judicial or independent order for this"
                            + " measure.");
        }
    }
}
