package org.comity.transparency.domain.note;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.comity.transparency.domain.Encoding;
import org.comity.transparency.domain.FormatException;

/**
 * An Ed25519 note signing key. Stored as Go's private key string
 * {@code PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 || 32-byte seed)>} so keys move freely
 * between Comity and the Go tooling. Deliberately not a record: it holds a secret and must not print
 * it or compare it by value.
 */
public final class NoteSigner {

    private final String name;
    private final byte[] seed;
    private final NoteVerifier verifier;

    private NoteSigner(String name, byte[] seed) {
        KeyNames.check(name);
        if (seed.length != Ed25519.KEY_LENGTH) {
            throw new FormatException("an Ed25519 seed has 32 bytes");
        }
        this.name = name;
        this.seed = seed.clone();
        this.verifier = NoteVerifier.of(name, Ed25519.publicKey(this.seed));
    }

    /** A new key from the JDK's strong random source. */
    public static NoteSigner generate(String name) {
        return generate(name, new SecureRandom());
    }

    public static NoteSigner generate(String name, SecureRandom random) {
        return new NoteSigner(name, Ed25519.newSeed(random));
    }

    /** Parses a private key string; its key id must match the key. */
    public static NoteSigner parse(String skey) {
        // The base64 key may itself contain '+', so only the first four separate fields.
        String[] parts = skey.split("\\+", 5);
        if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
            throw new FormatException("a private key is PRIVATE+KEY+<name>+<key id>+<key>");
        }
        int keyId = KeyNames.parseHex(parts[3], "private");
        byte[] key = Encoding.base64(parts[4], "private key");
        try {
            if (key.length != 1 + Ed25519.KEY_LENGTH || key[0] != KeyNames.ED25519) {
                throw new FormatException("private key is not 0x01 followed by a 32-byte Ed25519 seed");
            }
            NoteSigner signer = new NoteSigner(parts[2], Arrays.copyOfRange(key, 1, key.length));
            if (signer.keyId() != keyId) {
                throw new FormatException("private key id " + parts[3] + " does not match the key");
            }
            return signer;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The private key string, for the node's secret store only. */
    public String encodedPrivateKey() {
        byte[] key = new byte[1 + seed.length];
        key[0] = KeyNames.ED25519;
        System.arraycopy(seed, 0, key, 1, seed.length);
        String encoded = "PRIVATE+KEY+" + name + "+" + KeyNames.hex(keyId()) + "+"
                + Base64.getEncoder().encodeToString(key);
        Arrays.fill(key, (byte) 0);
        return encoded;
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return verifier.keyId();
    }

    public NoteVerifier verifier() {
        return verifier;
    }

    /** Signs note text (which must already be valid note text). */
    public NoteSignature sign(String text) {
        SignedNote.checkText(text);
        return new NoteSignature(name, keyId(), Ed25519.sign(seed, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
        return "NoteSigner[" + verifier.encoded() + "]";
    }
}
