package org.comity.transparency.domain.monitor;

import org.jspecify.annotations.Nullable;

/**
 * Reads the pairing-relevant keys of one log entry (the JSON lives outside this JDK-only domain).
 * Returns null for an entry without a {@code pairing} key; throws {@link IllegalArgumentException}
 * for bytes that are not a log entry.
 */
@FunctionalInterface
public interface EntryReader {
    @Nullable
    PairedEntry read(long index, byte[] entry);
}
