package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Criminality;
import org.comity.safeguards.Severity;
import org.comity.treaty.ReservationEffect;

/**
 * Dual criminality on conduct, not on names, and only where it matters: for coercive measures (a
 * refusal ground, with non-coercive assistance still owed) and extradition (a bar). Never for
 * preservation, unless the requested State reserved the right to require it for offences that are not
 * Convention offences. Not met only where the requested State's profile states the conduct is not an
 * offence; where its profile is missing or does not cover the conduct, the answer is unknown and the
 * finding a note asking the reviewer to confirm, never a ground or a bar.
 */
final class DualCriminalityOnConduct implements Rule {

    @Override
    public String id() {
        return "dual-criminality";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(
                Attribution.treaty("dual-criminality"),
                Attribution.treaty("dual-criminality-extradition"),
                Attribution.treaty("preservation-dual-criminality"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var measure = context.input().measure();
        if (!measure.coercive()) {
            return;
        }
        // Disclosure of preserved traffic data may be withheld only for a political offence or essential
        // interests (Budapest), never for want of dual criminality.
        if (measure.followsPreservation()) {
            return;
        }
        boolean preservation = measure.preserves();
        if (preservation && !reservedForPreservation(context)) {
            return;
        }
        var requested = context.input().requested();
        var notMet = new ArrayList<ChargedView>();
        var statements = new ArrayList<String>();
        var unknown = new ArrayList<ChargedView>();
        var unknownConduct = new TreeSet<ConductCode>();
        for (ChargedView o : context.offences()) {
            // An offence with no conduct stated is a content problem (offence-within-scope says so), not
            // conduct that is "not criminal".
            if (o.charged().conduct().isEmpty() || (preservation && o.convention())) {
                continue;
            }
            var answers = o.charged().conduct().stream()
                    .sorted()
                    .map(c -> Criminality.of(requested, context.requestedProfile(), c))
                    .toList();
            if (answers.stream().anyMatch(a -> a instanceof Criminality.Criminal)) {
                continue;
            }
            // Not met only where the requested State's profile itself states, for every conduct the
            // offence describes, that it is not an offence; a profile's silence is unknown.
            if (answers.stream().allMatch(a -> a instanceof Criminality.NotCriminal)) {
                notMet.add(o);
                answers.forEach(a ->
                        statements.add(((Criminality.NotCriminal) a).statement().statement()));
            } else {
                unknown.add(o);
                answers.stream()
                        .filter(a -> a instanceof Criminality.Unknown)
                        .forEach(a -> unknownConduct.add(a.conduct()));
            }
        }
        if (!unknown.isEmpty()) {
            unknown(context, findings, unknown, unknownConduct, preservation);
        }
        if (notMet.isEmpty()) {
            return;
        }
        var labels = notMet.stream().map(ChargedView::label).toList();
        var fields = notMet.stream().map(o -> o.field("conduct")).toList();
        // The profile's statement is quoted in the words it was recorded in.
        Object[] args = {
            "offences", labels,
            "count", notMet.size(),
            "state", requested.value(),
            "statement", String.join(" ", statements.stream().distinct().toList()),
            "instrument", context.instrumentWord()
        };
        if (measure.surrender()) {
            findings.add(
                    this,
                    Severity.BAR,
                    context.treaty("dual-criminality-extradition"),
                    List.of("dual-criminality-extradition"),
                    Findings.message("dual-criminality.not-met-extradition", args),
                    fields);
        } else if (preservation) {
            findings.add(
                    this,
                    Severity.GROUND,
                    context.treaty("preservation-dual-criminality"),
                    List.of("preservation-dual-criminality"),
                    Findings.message("dual-criminality.not-met-preservation", args),
                    fields);
        } else {
            findings.add(
                    this,
                    Severity.GROUND,
                    context.treaty("dual-criminality"),
                    List.of("dual-criminality"),
                    Findings.explained(
                            context.underUncc()
                                    ? "dual-criminality.not-met.explanation"
                                    : "dual-criminality.not-met-other.explanation",
                            "dual-criminality.not-met.resolution",
                            args),
                    fields);
        }
    }

    /**
     * Comity's records cannot tell whether the conduct is criminal in the requested State: its profile is
     * missing or does not cover that conduct. Missing data is not a finding against the request: a note
     * asks the reviewer to confirm, and only a confirmed absence would be a ground or a bar.
     */
    private void unknown(
            Context context,
            Findings findings,
            List<ChargedView> offences,
            Set<ConductCode> conduct,
            boolean preservation) {
        var measure = context.input().measure();
        var key = measure.surrender()
                ? "dual-criminality-extradition"
                : preservation ? "preservation-dual-criminality" : "dual-criminality";
        findings.add(
                this,
                Severity.NOTE,
                context.treaty(key),
                List.of(key),
                Findings.explained(
                        context.requestedProfile().isEmpty()
                                ? "dual-criminality.unknown-no-profile.explanation"
                                : "dual-criminality.unknown.explanation",
                        "dual-criminality.unknown.resolution",
                        "offences",
                        offences.stream().map(ChargedView::label).toList(),
                        "count",
                        offences.size(),
                        "conduct",
                        conduct.stream().map(ConductCode::value).toList(),
                        "state",
                        context.requested(),
                        "consequence",
                        measure.surrender() ? "extradition" : preservation ? "preservation" : "coercive"),
                offences.stream().map(o -> o.field("conduct")).toList());
    }

    private static boolean reservedForPreservation(Context context) {
        var requested = context.input().requested();
        return context.legalBasis().instruments().stream()
                .filter(o -> o.instrument().equals(context.input().legalBasis()))
                .flatMap(o -> o.limitations().stream())
                .anyMatch(r -> r.party().equals(requested)
                        && r.effect() instanceof ReservationEffect.PreservationRequiresDualCriminality);
    }
}
