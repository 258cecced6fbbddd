package org.comity.exchange;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * When a key may be used: from {@code notBefore} (inclusive) to {@code notAfter} (exclusive), unless
 * revoked. A revocation counts from the moment the node learns it, whatever date a message claims, as
 * whoever holds a compromised key can backdate.
 */
public record KeyValidity(
        Instant notBefore, Instant notAfter, @Nullable Instant revokedAt) {

    public KeyValidity {
        if (notBefore == null || notAfter == null || !notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("a key's validity starts before it ends");
        }
    }

    public boolean covers(Instant at) {
        return !at.isBefore(notBefore) && at.isBefore(notAfter);
    }
}
