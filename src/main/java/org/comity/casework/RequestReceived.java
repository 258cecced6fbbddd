package org.comity.casework;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * An incoming request was registered on this node.
 *
 * @param pairing the token of the exchange message that brought it, which the sender's log recorded
 *     on its {@code request-sent} entry; null for a request typed in from paper
 */
public record RequestReceived(
        RequestFacts request, LocalDate day, @Nullable String pairing) {

    public RequestReceived(RequestFacts request, LocalDate day) {
        this(request, day, null);
    }
}
