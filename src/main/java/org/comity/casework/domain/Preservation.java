package org.comity.casework.domain;

import java.time.Instant;

/**
 * Data preserved in execution of a preservation request, and until when. Renewals extend the expiry;
 * the warning flag makes sure a lapse is announced once, ahead of time.
 */
public record Preservation(Instant preservedAt, Instant expiresAt, int renewals, boolean warned) {

    public Preservation {
        if (preservedAt == null || expiresAt == null || !expiresAt.isAfter(preservedAt) || renewals < 0) {
            throw new IllegalArgumentException("preservation expires after it starts");
        }
    }
}
