package org.comity.exchange;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What an administrator needs to know about the directory: the one stored last (when, by whom, from
 * where), the one in use (verified again at every start), and why it is not in use or why the last
 * attempt to load one was refused.
 *
 * @param stored the directory stored last, verified or not now; null: none ever loaded
 * @param inUse the verified directory in use; null when none is (none stored, or it no longer verifies)
 * @param storedRefusal the step that refuses the stored directory now (its operator key removed from the
 *     configuration, a row changed in the database); null when it verifies or none is stored
 * @param lastRefused the latest attempt to load a directory that a step refused; null: none
 */
public record DirectoryStatus(
        @Nullable Stored stored,
        @Nullable DirectoryView inUse,
        @Nullable String storedRefusal,
        @Nullable ExchangeAuditEntry lastRefused) {

    /** @param source {@code upload} or {@code configured-location} */
    public record Stored(long sequence, Instant loadedAt, String loadedBy, String source) {}
}
