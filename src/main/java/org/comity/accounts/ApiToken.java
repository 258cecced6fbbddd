package org.comity.accounts;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An API token as listed to its owner: never the secret. */
public record ApiToken(UUID id, String name, Instant createdAt, Instant expiresAt, Optional<Instant> revokedAt) {

    public boolean usableAt(Instant now) {
        return revokedAt.isEmpty() && now.isBefore(expiresAt);
    }
}
