package org.comity.casework;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A granted request was executed (by us, or by the requested State as it told us); with {@code
 * evidenceTransmitted} when evidence went back.
 *
 * @param pairing the token both public logs record for this event, when it travelled as a message
 */
public record RequestExecuted(
        RequestFacts request,
        boolean evidenceTransmitted,
        LocalDate day,
        @Nullable String pairing) {

    public RequestExecuted(RequestFacts request, boolean evidenceTransmitted, LocalDate day) {
        this(request, evidenceTransmitted, day, null);
    }
}
