package org.comity.treaty.domain;

import java.time.LocalDate;
import java.time.Period;

/**
 * When something takes effect after an event: a period (from the data file, e.g. {@code P90D},
 * {@code P3M}, {@code P1Y}) then a landing day. Months and years follow the calendar: three months
 * after 30 November ends on the last day of February, one year after 29 February on 28 February.
 */
public record Timing(Period after, EffectiveDay on) {

    public Timing {
        if (after == null || on == null || after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("a timing has a positive period and a landing day");
        }
    }

    public LocalDate from(LocalDate event) {
        return on.from(event.plus(after));
    }

    /** As a reason shows it, in the reader's language. */
    public org.comity.treaty.Reason.Part part() {
        return new org.comity.treaty.Reason.Part(
                "part.timing",
                java.util.Map.of(
                        "period",
                        after.toString(),
                        "day",
                        new org.comity.treaty.Reason.Part("part.day." + on.code(), java.util.Map.of())));
    }
}
