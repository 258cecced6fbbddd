package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Criminality;
import org.comity.safeguards.Measure;
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
    public void assess(Context context, Findings findings) {
        var measure = context.input().measure();
        if (!measure.coercive()) {
            return;
        }
        // Disclosure of preserved traffic data may be withheld only for a political offence or essential
        // interests (Budapest), never for want of dual criminality.
        if (measure == Measure.PRESERVED_TRAFFIC_DISCLOSURE) {
            return;
        }
        boolean preservation = measure == Measure.EXPEDITED_PRESERVATION;
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
        var what = Words.and(labels) + (notMet.size() == 1 ? " is" : " are")
                + " not an offence in " + requested + ". Its profile states: \u201c"
                + String.join(" ", statements.stream().distinct().toList())
                + "\u201d (dual criminality is compared by conduct, not by the names of the offences).";
        if (measure == Measure.EXTRADITION) {
            findings.add(
                    this,
                    Severity.BAR,
                    List.of("dual-criminality-extradition"),
                    what + " Extradition under " + context.instrumentName()
                            + " requires the conduct to be criminal in both States.",
                    fields,
                    "Extradition for this conduct is not available under " + context.instrumentName()
                            + "; drop those offences, or rely on another basis where " + requested + "'s law"
                            + " allows it.");
        } else if (preservation) {
            findings.add(
                    this,
                    Severity.GROUND,
                    List.of("preservation-dual-criminality"),
                    what + " " + requested + " reserved the right to refuse preservation for offences that are"
                            + " not Convention offences where it has reason to believe that, at the time of"
                            + " disclosure, dual criminality cannot be fulfilled.",
                    fields,
                    "Weigh whether dual criminality could be fulfilled at the time of disclosure; preservation for"
                            + " Convention offences remains available.");
        } else {
            findings.add(
                    this,
                    Severity.GROUND,
                    List.of("dual-criminality"),
                    what
                            + (context.underUncc()
                                    ? " " + requested + " may refuse coercive measures for want of dual criminality,"
                                            + " but renders assistance that does not involve coercive action where"
                                            + " consistent with the basic concepts of its legal system."
                                    : " Under " + context.instrumentName() + ", " + requested + " may require dual"
                                            + " criminality only as far as its law or the applicable treaties"
                                            + " allow; where it does, the same conduct suffices."),
                    fields,
                    "Decide whether to refuse the coercive measure; offer the non-coercive assistance that remains"
                            + " possible, or ask the requesting State whether other conduct is described.");
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
        var requested = context.input().requested();
        var titles = conduct.stream().map(ConductCode::value).toList();
        var why = context.requestedProfile().isEmpty()
                ? "Comity has no profile of " + requested + "'s law"
                : requested + "'s profile neither lists an offence for " + Words.and(titles)
                        + " nor states that it is not an offence";
        var consequence = measure == Measure.EXTRADITION
                ? "extradition would not be available"
                : preservation
                        ? requested + " could refuse preservation under its reservation"
                        : requested
                                + " could refuse the coercive measure, while still giving assistance that involves none";
        findings.add(
                this,
                Severity.NOTE,
                List.of(
                        measure == Measure.EXTRADITION
                                ? "dual-criminality-extradition"
                                : preservation ? "preservation-dual-criminality" : "dual-criminality"),
                "Whether the conduct of "
                        + Words.and(offences.stream().map(ChargedView::label).toList())
                        + " is criminal in " + requested + " is not known: " + why
                        + ". This is not a finding that it is not criminal.",
                offences.stream().map(o -> o.field("conduct")).toList(),
                "Confirm under " + requested + "'s law whether the conduct is an offence there (or have the"
                        + " profile completed); only if it is not, " + consequence + ".");
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
