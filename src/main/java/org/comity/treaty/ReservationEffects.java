package org.comity.treaty;

import java.util.List;

/** Reads a reservation effect from its code and values, as files and the API write them. */
final class ReservationEffects {

    private ReservationEffects() {}

    static ReservationEffect of(String code, List<String> values) {
        return switch (code) {
            case "preservation-requires-dual-criminality" ->
                new ReservationEffect.PreservationRequiresDualCriminality();
            case "real-time-collection-limited" -> new ReservationEffect.RealTimeCollectionLimited(values);
            case "article-not-applied" -> new ReservationEffect.ArticleNotApplied();
            case "central-authority" ->
                new ReservationEffect.CentralAuthority(values.size() == 1 ? values.getFirst() : "");
            case "accepted-languages" -> new ReservationEffect.AcceptedLanguages(values);
            default -> throw new IllegalArgumentException("unknown effect");
        };
    }

    static List<String> values(ReservationEffect effect) {
        return switch (effect) {
            case ReservationEffect.PreservationRequiresDualCriminality e -> List.of();
            case ReservationEffect.RealTimeCollectionLimited e -> e.offences();
            case ReservationEffect.ArticleNotApplied e -> List.of();
            case ReservationEffect.CentralAuthority e -> List.of(e.authority());
            case ReservationEffect.AcceptedLanguages e -> e.languages();
        };
    }
}
