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
