package org.comity.treaty;

import java.time.Instant;
import java.util.Optional;

/**
 * The withdrawal of a treaty-action record: the record stays (append-only) and is shown struck through,
 * but no answer rests on it any more. The administrator's note is kept in the database for audit and is
 * deliberately not part of this view, which the list of actions shows to every reader.
 *
 * @param by who withdrew it, with the channel ({@code admin (console)})
 * @param supersededBy the id of the corrected record when the withdrawal was part of a correction
 */
public record Withdrawal(WithdrawalReason reason, Instant at, String by, Optional<Long> supersededBy) {

    public Withdrawal {
        if (reason == null || at == null || by == null || by.isBlank() || supersededBy == null) {
            throw new IllegalArgumentException("reason, time, who and superseded-by (may be empty) are required");
        }
    }

    public String code() {
        return reason.code();
    }
}
