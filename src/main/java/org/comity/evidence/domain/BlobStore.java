package org.comity.evidence.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where items' ciphertext is kept: the file system under the data directory by default; an
 * S3-compatible object store can implement the same three operations. Only ciphertext reaches it.
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

    /** Writes a part whole or not at all: it exists under its name only once {@code writer} returned. */
    void put(Name name, Writer writer) throws IOException;

    InputStream open(Name name) throws IOException;

    /** Removes every part of an item; nothing happens if there are none. */
    void deleteItem(UUID packageId, UUID itemId) throws IOException;

    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }
}
