package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Measure;
import org.comity.safeguards.Severity;
import org.comity.treaty.ReservationEffect;

/**
 * Dual criminality on conduct, not on names, and only where it matters: for coercive measures (a
 * refusal ground, with non-coercive assistance still owed) and extradition (a bar). Never for
 * preservation, unless the requested State reserved the right to require it for offences that are not
 * Convention offences.
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
        for (ChargedView o : context.offences()) {
            if (preservation && o.convention()) {
                continue;
            }
            if (context.requestedProfile().isEmpty()) {
                continue;
            }
            var profile = context.requestedProfile().get();
            boolean criminal = o.charged().conduct().stream()
                    .anyMatch(c -> !profile.offencesCovering(c).isEmpty());
            if (!criminal) {
                notMet.add(o);
            }
        }
        if (context.requestedProfile().isEmpty() && !context.offences().isEmpty()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    List.of(measure == Measure.EXTRADITION ? "dual-criminality-extradition" : "dual-criminality"),
                    "Comity has no profile of " + requested + "'s law, so whether the conduct (offences[].conduct)"
                            + " is criminal there cannot be told.",
                    List.of("offences"),
                    "Import " + requested + "'s jurisdiction profile, or have a lawyer of " + requested
                            + " confirm the conduct is criminal there.");
            return;
        }
        if (notMet.isEmpty()) {
            return;
        }
        var labels = notMet.stream().map(ChargedView::label).toList();
        var fields = notMet.stream().map(o -> o.field("conduct")).toList();
        var what = Words.and(labels) + (notMet.size() == 1 ? " is" : " are")
                + " not criminal in " + requested + " under any offence covering the same conduct (compared by"
                + " conduct, not by the names of the offences).";
        if (measure == Measure.EXTRADITION) {
            findings.add(
                    this,
                    Severity.BAR,
                    List.of("dual-criminality-extradition"),
                    what + " Extradition under " + context.instrumentName()
                            + " (legalBasis) requires the conduct to be criminal in both States.",
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

    private static boolean reservedForPreservation(Context context) {
        var requested = context.input().requested();
        return context.legalBasis().instruments().stream()
                .filter(o -> o.instrument().equals(context.input().legalBasis()))
                .flatMap(o -> o.limitations().stream())
                .anyMatch(r -> r.party().equals(requested)
                        && r.effect() instanceof ReservationEffect.PreservationRequiresDualCriminality);
    }
}
