package org.comity.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A freshly issued API token. The secret is shown to its owner this once; the node keeps only its
 * SHA-256.
 */
public record IssuedToken(UUID id, String name, String secret, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[id=" + id + ", name=" + name + ", expiresAt=" + expiresAt + "]";
    }
}
