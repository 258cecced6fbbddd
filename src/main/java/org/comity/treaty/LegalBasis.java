package org.comity.treaty;

import java.time.LocalDate;
import java.util.List;
import org.comity.shared.CountryCode;

/**
 * Which instruments give a legal basis for cooperation between two States on a date.
 *
 * @param answer YES if at least one instrument is in force between them, UNKNOWN if none is certainly in
 *     force but some might be, NO otherwise
 * @param instruments every instrument considered, with its own answer
 */
public record LegalBasis(CountryCode a, CountryCode b, LocalDate date, Answer answer, List<Option> instruments) {

    public LegalBasis {
        instruments = List.copyOf(instruments);
    }

    /** The same answer with its reasons rendered by {@code language} ({@link ReasonText}). */
    public LegalBasis localised(java.util.function.UnaryOperator<Reason> language) {
        return new LegalBasis(
                a,
                b,
                date,
                answer,
                instruments.stream()
                        .map(o -> new Option(
                                o.instrument(),
                                o.name(),
                                o.answer(),
                                o.reasons().stream().map(language).toList(),
                                o.limitations()))
                        .toList());
    }

    /**
     * @param limitations reservations and declarations of either State in effect on the date
     */
    public record Option(
            String instrument, String name, Answer answer, List<Reason> reasons, List<Reservation> limitations) {

        public Option {
            reasons = List.copyOf(reasons);
            limitations = List.copyOf(limitations);
        }
    }
}
