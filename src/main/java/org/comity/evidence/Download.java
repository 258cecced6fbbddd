package org.comity.evidence;

import java.io.IOException;
import java.io.InputStream;

/**
 * An item's plaintext, decrypted as it is read. A changed byte of stored ciphertext fails the read
 * of its 1 MiB segment before any byte of that segment is returned.
 */
public record Download(ItemView item, Opener content) {

    public interface Opener {
        InputStream open() throws IOException;
    }
}
