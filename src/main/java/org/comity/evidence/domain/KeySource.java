package org.comity.evidence.domain;

import com.google.crypto.tink.Aead;

/**
 * Where the node key that wraps every item's keyset lives. A key file is the default; a PKCS#11 token
 * or a cloud KMS fits behind the same interface (Tink has clients for both that yield an {@link Aead}),
 * so the key then never leaves it.
 */
public interface KeySource {

    /** Names the key, stored beside every keyset it wrapped so a later key source can tell its own. */
    String id();

    /** The key-encryption key. */
    Aead keyEncryptionKey();
}
