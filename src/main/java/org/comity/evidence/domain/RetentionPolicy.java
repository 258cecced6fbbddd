package org.comity.evidence.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How long a package opened without a date is kept, from the conditions its request states: the
 * shortest of the periods that apply — the default always, the speciality period when the requesting
 * State undertook speciality, the onward-transfer period when onward transfer needs consent. The
 * periods are the node's configuration, never assumed here: no law fixes them for every State.
 *
 * @param speciality null: speciality sets no period of its own
 * @param onwardTransfer null: the consent condition sets no period of its own
 */
public record RetentionPolicy(
        Duration defaultPeriod,
        @Nullable Duration speciality,
        @Nullable Duration onwardTransfer) {

    public RetentionPolicy {
        Objects.requireNonNull(defaultPeriod);
        for (var d : new Duration[] {defaultPeriod, speciality, onwardTransfer}) {
            if (d != null && (d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("a retention period is positive");
            }
        }
    }

    /** What the request's conditions say, as the policy reads them. */
    public record Conditions(boolean speciality, boolean onwardTransferNeedsConsent) {
        public static final Conditions NONE = new Conditions(false, false);
    }

    /** The date and the code of the rule that set it ({@code default}, {@code speciality}, {@code onward-transfer}). */
    public record Decision(Instant retainUntil, String rule) {}

    public Decision decide(Instant from, Conditions conditions) {
        var decision = new Decision(from.plus(defaultPeriod), "default");
        if (conditions.speciality() && speciality != null) {
            decision = shorter(decision, new Decision(from.plus(speciality), "speciality"));
        }
        if (conditions.onwardTransferNeedsConsent() && onwardTransfer != null) {
            decision = shorter(decision, new Decision(from.plus(onwardTransfer), "onward-transfer"));
        }
        return decision;
    }

    private static Decision shorter(Decision a, Decision b) {
        return b.retainUntil().isBefore(a.retainUntil()) ? b : a;
    }
}
