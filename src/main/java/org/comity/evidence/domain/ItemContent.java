package org.comity.evidence.domain;

import org.jspecify.annotations.Nullable;

/** How far an item's bytes have come: arriving, stored whole, or shredded (its key destroyed). */
public sealed interface ItemContent {

    /**
     * Bytes still arriving through a resumable upload.
     *
     * @param receivedBytes the upload's offset: every byte before it is stored, in {@code parts} parts
     */
    record Receiving(long receivedBytes, int parts) implements ItemContent {
        public Receiving {
            if (receivedBytes < 0 || parts < 0) {
                throw new IllegalArgumentException("an upload's offset and parts count from zero");
            }
        }
    }

    /** Every byte stored, with the SHA-256 computed while they streamed in. */
    record Stored(Digest sha256, int parts) implements ItemContent {}

    /** The key was destroyed: the ciphertext, if any copy remains, can no longer be read. */
    record Shredded(@Nullable Digest sha256) implements ItemContent {}
}
