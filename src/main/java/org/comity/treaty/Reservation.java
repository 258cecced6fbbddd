package org.comity.treaty;

import java.time.LocalDate;
import java.util.Optional;
import org.comity.shared.CountryCode;

/**
 * A reservation or declaration of one party to one instrument, as structured data. Comity ships none it
 * cannot source; administrators record them with their source.
 *
 * @param article the provision it is made under, resolved through the catalogue
 * @param madeOn when it was made (usually at deposit); empty if unknown
 * @param withdrawnOn when it was withdrawn, if it was
 */
public record Reservation(
        String instrument,
        CountryCode party,
        Citation article,
        Kind kind,
        ReservationEffect effect,
        Optional<LocalDate> madeOn,
        Optional<LocalDate> withdrawnOn,
        String source,
        LocalDate asOf) {

    public enum Kind {
        RESERVATION,
        DECLARATION
    }

    public Reservation {
        if (instrument == null || article == null || !article.instrument().equals(instrument)) {
            throw new IllegalArgumentException("the article must belong to the instrument");
        }
        if (party == null || kind == null || effect == null || madeOn == null || withdrawnOn == null || asOf == null) {
            throw new IllegalArgumentException("party, kind, effect and as-of are required");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("every reservation names its source");
        }
    }

    /** Not withdrawn by that date (a reservation with an unknown date counts as made). */
    public boolean inEffectOn(LocalDate date) {
        return withdrawnOn.map(date::isBefore).orElse(true)
                && madeOn.map(made -> !made.isAfter(date)).orElse(true);
    }

    /** As a legal-basis reason shows it, in the reader's language; the offences, authority and languages as recorded. */
    public Reason.Part part() {
        java.util.Map<String, Object> arguments = switch (effect) {
            case ReservationEffect.RealTimeCollectionLimited r ->
                java.util.Map.of("offences", String.join("; ", r.offences()));
            case ReservationEffect.CentralAuthority c -> java.util.Map.of("authority", c.authority());
            case ReservationEffect.AcceptedLanguages l ->
                java.util.Map.of("languages", String.join(", ", l.languages()));
            default -> java.util.Map.of();
        };
        return new Reason.Part(
                "part.reservation",
                java.util.Map.of(
                        "state",
                        Reason.state(party),
                        "kind",
                        kind.name().toLowerCase(java.util.Locale.ROOT),
                        "article",
                        article.tagged(),
                        "effect",
                        new Reason.Part("part.effect." + effect.code(), arguments)));
    }

    /** As shown in a legal-basis answer. */
    public String describe() {
        return party + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + " under " + article.tagged() + ": "
                + effect.describe();
    }
}
