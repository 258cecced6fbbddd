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
        var withoutConduct = context.offences().stream()
                .filter(o -> o.charged().conduct().isEmpty())
                .toList();
        if (!withoutConduct.isEmpty()) {
            conductNotStated(context, findings, withoutConduct);
        }
        // What the offences without conduct are cannot be compared with anything: they are left out of
        // the scope and dual-criminality checks until their conduct is stated, never read as "outside".
        var stated = context.offences().stream()
                .filter(o -> !o.charged().conduct().isEmpty())
                .toList();
        if (stated.isEmpty()) {
            return;
        }
        if (!context.underUncc()) {
            if (measure == Measure.EXTRADITION) {
                otherInstrumentExtradition(context, findings);
            }
            return;
        }
        if (measure == Measure.EXTRADITION) {
            extradition(context, findings, stated);
        } else {
            evidence(context, findings, stated);
        }
    }

    /**
     * A content problem: the conduct is what scope and dual criminality are judged on. Comity does not
     * send its own request until the conduct is stated; for a request received, the reviewer states the
     * conduct the request describes, and a senior reviewer looks until then.
     */
    private void conductNotStated(Context context, Findings findings, List<ChargedView> offences) {
        var labels = Words.and(offences.stream().map(ChargedView::label).toList());
        findings.add(
                this,
                context.outgoing() ? Severity.BAR : Severity.CONCERN,
                List.of(
                        context.input().measure() == Measure.EXTRADITION ? "scope-extradition" : "scope-evidence",
                        "request-contents"),
                "No conduct is stated for " + labels + ", so neither the scope of cooperation nor dual"
                        + " criminality can be checked for " + (offences.size() == 1 ? "it" : "them") + ".",
                offences.stream().map(o -> o.field("conduct")).toList(),
                context.outgoing()
                        ? "State the conduct of each offence (what the person is alleged to have done, as conduct"
                                + " categories) before sending."
                        : "State the conduct the request describes for each offence; if the request does not"
                                + " describe it, ask the requesting State for a summary of the facts.");
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

    private void extradition(Context context, Findings findings, List<ChargedView> offences) {
        var outside = offences.stream().filter(o -> !o.convention()).toList();
        if (outside.isEmpty()) {
            return;
        }
        var labels = outside.stream().map(ChargedView::label).toList();
        var fields = outside.stream().map(o -> o.field("conduct")).toList();
        boolean none = outside.size() == offences.size();
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

    private void evidence(Context context, Findings findings, List<ChargedView> offences) {
        var outside = new ArrayList<ChargedView>();
        var unknown = new ArrayList<ChargedView>();
        var atLeast = new ArrayList<ChargedView>();
        for (ChargedView o : offences) {
            if (o.convention() || context.seriousCrime(o)) {
                continue;
            }
            if (o.maximum().isEmpty()) {
                unknown.add(o);
            } else if (!o.maximumComplete()) {
                // Only the offences the requesting State's profile happens to list: a more severe one
                // may exist, so "not a serious crime" would rest on missing data.
                atLeast.add(o);
            } else {
                outside.add(o);
            }
        }
        boolean inScope = outside.size() + unknown.size() + atLeast.size() < offences.size();
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
        if (!atLeast.isEmpty()) {
            findings.add(
                    this,
                    Severity.NOTE,
                    List.of("scope-evidence", "serious-crime"),
                    "The request does not state the maximum penalty of "
                            + Words.and(atLeast.stream().map(ChargedView::label).toList())
                            + ", and the requesting State's profile does not cover that conduct completely: the"
                            + " offences it lists reach "
                            + Words.and(atLeast.stream()
                                    .map(ChargedView::maximumWords)
                                    .toList())
                            + ", but a more severe offence may apply, so whether it is a serious crime (a"
                            + " maximum of at least " + context.seriousCrimeMonths() / 12 + " years) is not"
                            + " known.",
                    atLeast.stream().map(o -> o.field("maximumPenaltyMonths")).toList(),
                    "Confirm the maximum penalty of the provision with the requesting State; below "
                            + context.seriousCrimeMonths() / 12 + " years, and unless it is a Convention offence,"
                            + " the UN Convention does not provide for collecting or sharing electronic evidence"
                            + " for it.");
        }
    }
}
