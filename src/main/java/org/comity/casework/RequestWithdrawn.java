package org.comity.casework;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A request was withdrawn before closure; {@code fromState} is the state it was withdrawn from.
 *
 * @param pairing the token both public logs record for this event, when it travelled as a message
 */
public record RequestWithdrawn(
        RequestFacts request,
        String fromState,
        LocalDate day,
        @Nullable String pairing) {

    public RequestWithdrawn(RequestFacts request, String fromState, LocalDate day) {
        this(request, fromState, day, null);
    }
}
