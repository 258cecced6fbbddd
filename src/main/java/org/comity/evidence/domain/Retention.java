package org.comity.evidence.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * How long a package is kept: until {@code retainUntil}, and beyond it for as long as a legal hold
 * stands. Deletion is refused before either ends.
 */
public record Retention(Instant retainUntil, boolean legalHold) {

    public Retention {
        Objects.requireNonNull(retainUntil);
    }

    /** Whether the package may be deleted at {@code now}; throws the reason it may not. */
    public void allowsDeletionAt(Instant now) {
        if (legalHold) {
            throw new org.comity.shared.Conflict("legal-hold", "a legal hold blocks deletion until it is released");
        }
        if (now.isBefore(retainUntil)) {
            throw new org.comity.shared.Conflict("retention", "the package is retained until " + retainUntil);
        }
    }
}
