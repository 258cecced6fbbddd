package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Measure;
import org.comity.safeguards.Severity;

/**
 * Scope of cooperation, which depends on the instrument the request rests on. Under the UN Convention
 * electronic evidence may be sought for Convention offences and for any serious crime (a maximum of at
 * least four years), extradition only for Convention offences. The Budapest Convention covers evidence
 * of any criminal offence, so no scope finding; its extradition scope (its own offences, punishable by
 * at least one year in both) is not mapped to conduct categories, so a reviewer checks it. Other
 * instruments set their own scope. Preservation is not barred here (it may precede the request that
 * will have to meet the scope), but weighed.
 */
final class OffenceWithinScope implements Rule {

    @Override
    public String id() {
        return "offence-within-scope";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var measure = context.input().measure();
        if (measure == Measure.SPONTANEOUS_INFORMATION) {
            return;
        }
        if (context.offences().isEmpty()) {
            // Outgoing: Comity does not send it. Incoming: a request not in conformity, which the
            // requested State may refuse, but only after asking for the missing information.
            findings.add(
                    this,
                    context.outgoing() ? Severity.BAR : Severity.GROUND,
                    List.of(
                            measure == Measure.EXTRADITION ? "scope-extradition" : "scope-evidence",
                            "request-contents"),
                    "The request states no offence (offences), so it cannot be checked against the scope of"
                            + " cooperation under " + context.instrumentName() + ".",
                    List.of("offences"),
                    context.outgoing()
                            ? "State each offence with its provision, conduct categories and maximum penalty."
                            : "Ask the requesting State for each offence with its provision, conduct and maximum"
                                    + " penalty before deciding; refusing for want of it needs the request to stay"
                                    + " incomplete after that.");
            return;
        }
        if (!context.underUncc()) {
            if (measure == Measure.EXTRADITION) {
                otherInstrumentExtradition(context, findings);
            }
            return;
        }
        if (measure == Measure.EXTRADITION) {
            extradition(context, findings);
        } else {
            evidence(context, findings);
        }
    }

    private void otherInstrumentExtradition(Context context, Findings findings) {
        findings.add(
                this,
                Severity.CONCERN,
                List.of("scope-extradition"),
                "The request rests on " + context.instrumentName() + " (legalBasis), whose extradition scope"
                        + " (the offences it establishes, with the penalty threshold it sets) Comity does not check"
                        + " by conduct category.",
                List.of("legalBasis", "offences"),
                "Check that each offence is one the instrument covers and meets its penalty threshold in both"
                        + " States; the requested State's law and extradition treaties set the conditions.");
    }

    private void extradition(Context context, Findings findings) {
        var outside = context.offences().stream().filter(o -> !o.convention()).toList();
        if (outside.isEmpty()) {
            return;
        }
        var labels = outside.stream().map(ChargedView::label).toList();
        var fields = outside.stream().map(o -> o.field("conduct")).toList();
        boolean none = outside.size() == context.offences().size();
        findings.add(
                this,
                none ? Severity.BAR : Severity.GROUND,
                List.of("scope-extradition"),
                "Extradition under the UN Convention (legalBasis) covers only the offences it establishes; "
                        + Words.and(labels) + (outside.size() == 1 ? " is" : " are")
                        + " not among them, whatever the penalty.",
                fields,
                none
                        ? "Extradition for this conduct needs another legal basis, such as a bilateral extradition"
                                + " treaty."
                        : "Limit the request to the Convention offences, or rely on another extradition treaty for"
                                + " the others.");
    }

    private void evidence(Context context, Findings findings) {
        var outside = new ArrayList<ChargedView>();
        var unknown = new ArrayList<ChargedView>();
        for (ChargedView o : context.offences()) {
            if (o.convention() || context.seriousCrime(o)) {
                continue;
            }
            (o.maximum().isEmpty() ? unknown : outside).add(o);
        }
        boolean inScope = outside.size() + unknown.size() < context.offences().size();
        if (!outside.isEmpty()) {
            var labels = outside.stream()
                    .map(o -> o.label() + " with a maximum of " + o.maximumWords())
                    .toList();
            var severity = inScope
                    ? Severity.CONCERN
                    : context.input().measure() == Measure.EXPEDITED_PRESERVATION ? Severity.GROUND : Severity.BAR;
            findings.add(
                    this,
                    severity,
                    List.of("scope-evidence", "serious-crime"),
                    Words.and(labels) + (outside.size() == 1 ? " is" : " are")
                            + " neither a Convention offence nor a serious crime (a maximum deprivation of liberty of"
                            + " at least " + context.seriousCrimeMonths() / 12 + " years), so the UN Convention"
                            + " (legalBasis) does not provide for collecting or sharing electronic evidence for "
                            + (outside.size() == 1 ? "it" : "them") + "."
                            + (severity == Severity.GROUND
                                    ? " Preservation may still be considered, but the follow-up request will fall"
                                            + " outside the scope."
                                    : ""),
                    outside.stream().map(o -> o.field("maximumPenaltyMonths")).toList(),
                    inScope
                            ? "Confine the assistance to the offences within scope."
                            : "Assistance would need another legal basis whose scope covers this offence (for"
                                    + " example the Budapest Convention, which covers evidence of any criminal"
                                    + " offence, where both States are Parties).");
        }
        if (!unknown.isEmpty()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    List.of("scope-evidence", "serious-crime"),
                    "Neither the request nor the requesting State's profile states the maximum penalty of "
                            + Words.and(unknown.stream().map(ChargedView::label).toList())
                            + ", so whether it is a serious crime cannot be told.",
                    unknown.stream().map(o -> o.field("maximumPenaltyMonths")).toList(),
                    "Ask the requesting State for the maximum penalty of the provision.");
        }
    }
}
