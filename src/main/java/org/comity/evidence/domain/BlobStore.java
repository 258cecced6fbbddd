package org.comity.evidence.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where items' ciphertext is kept: the file system under the data directory by default; an
 * S3-compatible object store can implement the same operations (forcing is then the upload's completion). Only ciphertext reaches it.
 */
public interface BlobStore {

    /** One part of an item's ciphertext. */
    record Name(UUID packageId, UUID itemId, int part) {
        public Name {
            if (part < 1) {
                throw new IllegalArgumentException("parts count from 1");
            }
        }
    }

    /**
     * Writes a part whole or not at all: it exists under its name only once {@code writer} returned. It
     * is not yet durable: a crash before {@link #force} may leave it missing or torn.
     */
    void put(Name name, Writer writer) throws IOException;

    /** Makes the parts {@code from} to {@code to} of an item durable, once for all of them. */
    void force(UUID packageId, UUID itemId, int from, int to) throws IOException;

    /** Removes one part; nothing happens if it is not there. */
    void delete(Name name) throws IOException;

    InputStream open(Name name) throws IOException;

    /** Removes every part of an item; nothing happens if there are none. */
    void deleteItem(UUID packageId, UUID itemId) throws IOException;

    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }
}
