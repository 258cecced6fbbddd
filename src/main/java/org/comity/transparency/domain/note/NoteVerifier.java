package org.comity.transparency.domain.note;

import java.util.Arrays;
import java.util.Objects;
import org.comity.transparency.domain.FormatException;

/**
 * An Ed25519 note verifier key: {@code <name>+<8 hex key id>+<base64(0x01 || public key)>}. The key
 * id is derived from name and key, and checked, so a key string cannot lie about it.
 */
public record NoteVerifier(String name, int keyId, byte[] publicKey) {

    public NoteVerifier {
        KeyNames.check(name);
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != Ed25519.KEY_LENGTH) {
            throw new FormatException("an Ed25519 public key has 32 bytes");
        }
        publicKey = publicKey.clone();
        if (keyId != KeyNames.keyId(name, publicKey)) {
            throw new FormatException("key id " + KeyNames.hex(keyId) + " does not match the key");
        }
        try {
            Ed25519.publicKeyObject(publicKey);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new FormatException("not an Ed25519 public key", e);
        }
    }

    public static NoteVerifier of(String name, byte[] publicKey) {
        return new NoteVerifier(name, KeyNames.keyId(name, publicKey), publicKey);
    }

    /** Parses a verifier key string as written by Go's {@code note.NewVerifier}. */
    public static NoteVerifier parse(String vkey) {
        var parts = KeyNames.parseVerifier(
                vkey, KeyNames.ED25519, "verifier key is not 0x01 followed by a 32-byte Ed25519 key");
        return new NoteVerifier(parts.name(), parts.keyId(), parts.publicKey());
    }

    /** The verifier key string, for configuration and publication. */
    public String encoded() {
        return KeyNames.encodeVerifier(name, keyId, KeyNames.ED25519, publicKey);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    boolean accepts(byte[] message, byte[] signature) {
        return Ed25519.verify(publicKey, message, signature);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteVerifier v
                && name.equals(v.name)
                && keyId == v.keyId
                && Arrays.equals(publicKey, v.publicKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, keyId, Arrays.hashCode(publicKey));
    }

    @Override
    public String toString() {
        return encoded();
    }
}
