package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
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
    public List<Attribution> attributions() {
        return List.of(
                Attribution.treaty("scope-evidence"),
                Attribution.treaty("scope-extradition"),
                Attribution.treaty("request-contents"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var measure = context.input().measure();
        if (measure.unrequested()) {
            return;
        }
        if (context.offences().isEmpty()) {
            // Outgoing: Comity does not send it. Incoming: a request not in conformity, which the
            // requested State may refuse, but only after asking for the missing information.
            findings.add(
                    this,
                    context.outgoing() ? Severity.BAR : Severity.GROUND,
                    context.treaty("request-contents"),
                    List.of(measure.surrender() ? "scope-extradition" : "scope-evidence", "request-contents"),
                    Findings.explained(
                            "offence-within-scope.no-offence.explanation",
                            context.outgoing()
                                    ? "offence-within-scope.no-offence.outgoing"
                                    : "offence-within-scope.no-offence.incoming",
                            "instrument",
                            context.instrumentWord()),
                    List.of("offences"));
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
            if (measure.surrender()) {
                otherInstrumentExtradition(context, findings);
            }
            return;
        }
        if (measure.surrender()) {
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
        findings.add(
                this,
                context.outgoing() ? Severity.BAR : Severity.CONCERN,
                context.treaty("request-contents"),
                List.of(
                        context.input().measure().surrender() ? "scope-extradition" : "scope-evidence",
                        "request-contents"),
                Findings.explained(
                        "offence-within-scope.no-conduct.explanation",
                        context.outgoing()
                                ? "offence-within-scope.no-conduct.outgoing"
                                : "offence-within-scope.no-conduct.incoming",
                        "offences",
                        offences.stream().map(ChargedView::label).toList(),
                        "count",
                        offences.size()),
                offences.stream().map(o -> o.field("conduct")).toList());
    }

    private void otherInstrumentExtradition(Context context, Findings findings) {
        findings.add(
                this,
                Severity.CONCERN,
                context.treaty("scope-extradition"),
                List.of("scope-extradition"),
                Findings.message("offence-within-scope.other-extradition", "instrument", context.instrumentWord()),
                List.of("legalBasis", "offences"));
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
                context.treaty("scope-extradition"),
                List.of("scope-extradition"),
                Findings.explained(
                        "offence-within-scope.extradition.explanation",
                        none ? "offence-within-scope.extradition.none" : "offence-within-scope.extradition.some",
                        "offences",
                        labels,
                        "count",
                        outside.size()),
                fields);
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
            var severity =
                    inScope ? Severity.CONCERN : context.input().measure().preserves() ? Severity.GROUND : Severity.BAR;
            findings.add(
                    this,
                    severity,
                    context.treaty("scope-evidence"),
                    List.of("scope-evidence", "serious-crime"),
                    Findings.explained(
                            "offence-within-scope.outside.explanation",
                            inScope ? "offence-within-scope.outside.some" : "offence-within-scope.outside.none",
                            "offences",
                            outside.stream().map(ChargedView::label).toList(),
                            "maxima",
                            outside.stream().map(ChargedView::maximumWord).toList(),
                            "count",
                            outside.size(),
                            "years",
                            context.seriousCrimeMonths() / 12,
                            "preservation",
                            severity == Severity.GROUND ? "yes" : "no"),
                    outside.stream().map(o -> o.field("maximumPenaltyMonths")).toList());
        }
        if (!unknown.isEmpty()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    context.treaty("scope-evidence"),
                    List.of("scope-evidence", "serious-crime"),
                    Findings.message(
                            "offence-within-scope.maximum-unknown",
                            "offences",
                            unknown.stream().map(ChargedView::label).toList(),
                            "count",
                            unknown.size()),
                    unknown.stream().map(o -> o.field("maximumPenaltyMonths")).toList());
        }
        if (!atLeast.isEmpty()) {
            findings.add(
                    this,
                    Severity.NOTE,
                    context.treaty("scope-evidence"),
                    List.of("scope-evidence", "serious-crime"),
                    Findings.message(
                            "offence-within-scope.maximum-lower-bound",
                            "offences",
                            atLeast.stream().map(ChargedView::label).toList(),
                            "maxima",
                            atLeast.stream().map(ChargedView::maximumWord).toList(),
                            "count",
                            atLeast.size(),
                            "years",
                            context.seriousCrimeMonths() / 12),
                    atLeast.stream().map(o -> o.field("maximumPenaltyMonths")).toList());
        }
    }
}
