package org.comity.casework.domain;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A letter or note exchanged with the counterpart of a request that travelled by the exchange, one per
 * correspondence message. Text a person typed: it never reaches the public log.
 *
 * @param author who wrote it here; null for a letter received
 * @param counterpart the other node's authority id
 */
public record CounterpartLetter(
        UUID messageId, UUID requestId, Way way, @Nullable String author, String counterpart, String body, Instant at) {

    /** Whether this node sent the letter or received it; {@link #code()} is how it is stored and shown. */
    public enum Way {
        SENT("sent"),
        RECEIVED("received");

        private final String code;

        Way(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static Way of(String code) {
            for (var way : values()) {
                if (way.code.equals(code)) {
                    return way;
                }
            }
            throw new IllegalArgumentException("no letter direction " + code);
        }
    }
}
