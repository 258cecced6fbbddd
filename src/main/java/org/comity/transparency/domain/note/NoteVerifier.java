package org.comity.transparency.domain.note;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.comity.transparency.domain.Encoding;
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
        String[] parts = vkey.split("\\+", 3);
        if (parts.length != 3) {
            throw new FormatException("a verifier key is <name>+<key id>+<key>");
        }
        KeyNames.check(parts[0]);
        int keyId = KeyNames.parseHex(parts[1], "verifier");
        byte[] key = Encoding.base64(parts[2], "verifier key");
        if (key.length != 1 + Ed25519.KEY_LENGTH || key[0] != KeyNames.ED25519) {
            throw new FormatException("verifier key is not 0x01 followed by a 32-byte Ed25519 key");
        }
        return new NoteVerifier(parts[0], keyId, Arrays.copyOfRange(key, 1, key.length));
    }

    /** The verifier key string, for configuration and publication. */
    public String encoded() {
        byte[] key = new byte[1 + publicKey.length];
        key[0] = KeyNames.ED25519;
        System.arraycopy(publicKey, 0, key, 1, publicKey.length);
        return name + "+" + KeyNames.hex(keyId) + "+" + Base64.getEncoder().encodeToString(key);
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
