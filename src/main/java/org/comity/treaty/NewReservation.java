package org.comity.treaty;

import java.util.List;

/**
 * A reservation or declaration as an administrator enters it.
 *
 * @param kind {@code reservation} or {@code declaration}
 * @param effect one of the codes of {@link ReservationEffect}
 * @param values the effect's list (offences, ISO 639-1 languages) or the authority's name
 */
public record NewReservation(
        String instrument,
        String party,
        String article,
        String paragraph,
        String kind,
        String effect,
        List<String> values,
        String madeOn,
        String withdrawnOn,
        String source,
        String asOf) {}
