package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Measure;
import org.comity.safeguards.Severity;
import org.comity.treaty.Answer;
import org.comity.treaty.Citation;
import org.comity.treaty.Reservation;
import org.comity.treaty.ReservationEffect;

/**
 * A reservation of either State can take this kind of assistance out of the instrument: a provision
 * not applied is a bar; real-time collection limited to listed offences needs a reviewer to compare
 * the offences. Citations are the reservation's own article, from the catalogue.
 */
final class ReservationExcludesMeasure implements Rule {

    @Override
    public String id() {
        return "reservation-excludes-measure";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var measureKey = "measure." + input.measure().code();
        if (!context.citations().has(measureKey)) {
            return;
        }
        var measureArticles = context.citations().of(measureKey);
        for (var option : context.legalBasis().instruments()) {
            if (!option.instrument().equals(input.legalBasis()) || option.answer() == Answer.NO) {
                continue;
            }
            for (Reservation r : option.limitations()) {
                switch (r.effect()) {
                    case ReservationEffect.ArticleNotApplied a -> {
                        if (sameArticle(r.article(), measureArticles)) {
                            findings.add(
                                    id(),
                                    Severity.BAR,
                                    cited(context, r, "legal-basis"),
                                    r.describe() + ". The request asks for exactly that (kind = "
                                            + input.measure().code() + ") under " + option.instrument() + ".",
                                    List.of("kind", "legalBasis"),
                                    "Ask under another instrument in force between the two States that covers this"
                                            + " kind of assistance, or for a kind the reservation leaves open.");
                        }
                    }
                    case ReservationEffect.RealTimeCollectionLimited limited -> {
                        if (input.measure() == Measure.REAL_TIME_TRAFFIC) {
                            findings.add(
                                    id(),
                                    Severity.CONCERN,
                                    cited(context, r, "reservation-real-time"),
                                    r.describe() + ". Compare the offences of the request (offences) with that list.",
                                    List.of("kind", "offences"),
                                    "Confirm that each offence is among those the reservation allows, or ask for"
                                            + " stored traffic data instead.");
                        }
                    }
                    case ReservationEffect.PreservationRequiresDualCriminality p -> {
                        // Read by the dual-criminality rule, which knows the offences.
                    }
                    case ReservationEffect.CentralAuthority c -> {}
                    case ReservationEffect.AcceptedLanguages l -> {}
                }
            }
        }
    }

    private static boolean sameArticle(Citation reserved, List<Citation> measure) {
        return measure.stream()
                .anyMatch(m -> m.instrument().equals(reserved.instrument())
                        && m.article().equals(reserved.article()));
    }

    private static List<Citation> cited(Context context, Reservation r, String key) {
        var all = new ArrayList<Citation>();
        all.add(r.article());
        context.citations().forInstrument(context.instrument(), List.of(key)).stream()
                .filter(c -> !all.contains(c))
                .forEach(all::add);
        return all;
    }
}
