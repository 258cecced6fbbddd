package org.comity.casework.domain;

import java.time.Duration;
import java.time.Instant;
import org.comity.shared.InvalidInput;

/**
 * Preserved data is kept at least the minimum period in the time-limits file (domain.md §7), counted
 * from the day of preservation, and may be renewed for at least as long again, counted from the
 * renewal, while a follow-up request is decided.
 */
public final class PreservationPeriod {

    private PreservationPeriod() {}

    public static Preservation preserve(Instant at, int days, TimeLimits limits) {
        return new Preservation(at, at.plus(checked(days, limits)), 0, false);
    }

    public static Preservation renew(Preservation current, Instant at, int days, TimeLimits limits) {
        var expiry = at.plus(checked(days, limits));
        if (!expiry.isAfter(current.expiresAt())) {
            throw InvalidInput.of("days", "renewal-shortens", "a renewal must extend the preservation");
        }
        return new Preservation(current.preservedAt(), expiry, current.renewals() + 1, false);
    }

    private static Duration checked(int days, TimeLimits limits) {
        var period = Duration.ofDays(days);
        if (period.compareTo(limits.preservationMinimum()) < 0) {
            throw InvalidInput.of(
                    "days",
                    "preservation-minimum",
                    "preserve for at least " + limits.preservationMinimum().toDays() + " days");
        }
        return period;
    }
}
