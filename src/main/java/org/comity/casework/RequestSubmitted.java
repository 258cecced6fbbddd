package org.comity.casework;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * An outgoing request was approved by a second user and sent.
 *
 * @param pairing the token both public logs record for this request, when it travels to the other
 *     State's node over the exchange; chosen before the entry is logged, and carried in the message
 */
public record RequestSubmitted(
        RequestFacts request, LocalDate day, @Nullable String pairing) {

    /** A request that goes on paper: nothing on the other State's log can be matched with it. */
    public RequestSubmitted(RequestFacts request, LocalDate day) {
        this(request, day, null);
    }
}
