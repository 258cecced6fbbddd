package org.comity.transparency.domain.note;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.comity.transparency.domain.Encoding;
import org.comity.transparency.domain.FormatException;

/**
 * A witness's Ed25519 key for {@code cosignature/v1} (C2SP tlog-cosignature). Stored like a log key,
 * {@code PRIVATE+KEY+<name>+<key id>+<base64(0x04 || seed)>}, the type byte saying it signs
 * cosignatures only. Not a record: it holds a secret.
 */
public final class CosignerKey {

    private final String name;
    private final byte[] seed;
    private final CosignerVerifier verifier;

    private CosignerKey(String name, byte[] seed) {
        KeyNames.check(name);
        if (seed.length != Ed25519.KEY_LENGTH) {
            throw new FormatException("an Ed25519 seed has 32 bytes");
        }
        this.name = name;
        this.seed = seed.clone();
        this.verifier = CosignerVerifier.of(name, Ed25519.publicKey(this.seed));
    }

    public static CosignerKey generate(String name) {
        return new CosignerKey(name, Ed25519.newSeed(new SecureRandom()));
    }

    public static CosignerKey parse(String skey) {
        String[] parts = skey.split("\\+", 5);
        if (parts.length != 5 || !parts[0].equals("PRIVATE") || !parts[1].equals("KEY")) {
            throw new FormatException("a private key is PRIVATE+KEY+<name>+<key id>+<key>");
        }
        int keyId = KeyNames.parseHex(parts[3], "private");
        byte[] key = Encoding.base64(parts[4], "private key");
        try {
            if (key.length != 1 + Ed25519.KEY_LENGTH || key[0] != KeyNames.COSIGNATURE_V1) {
                throw new FormatException("cosigner key is not 0x04 followed by a 32-byte Ed25519 seed");
            }
            CosignerKey signer = new CosignerKey(parts[2], Arrays.copyOfRange(key, 1, key.length));
            if (signer.verifier.keyId() != keyId) {
                throw new FormatException("private key id " + parts[3] + " does not match the key");
            }
            return signer;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public String encodedPrivateKey() {
        byte[] key = new byte[1 + seed.length];
        key[0] = KeyNames.COSIGNATURE_V1;
        System.arraycopy(seed, 0, key, 1, seed.length);
        String encoded = "PRIVATE+KEY+" + name + "+" + KeyNames.hex(verifier.keyId()) + "+"
                + Base64.getEncoder().encodeToString(key);
        Arrays.fill(key, (byte) 0);
        return encoded;
    }

    public String name() {
        return name;
    }

    public CosignerVerifier verifier() {
        return verifier;
    }

    /**
     * A {@code cosignature/v1} line over {@code checkpointText} at {@code timestamp} (POSIX seconds).
     * The witness must only call it for a checkpoint it has checked consistent and recorded.
     */
    public NoteSignature cosign(String checkpointText, long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative");
        }
        byte[] signature = Ed25519.sign(seed, CosignerVerifier.message(timestamp, checkpointText));
        byte[] blob = ByteBuffer.allocate(CosignerVerifier.SIGNATURE_BYTES)
                .putLong(timestamp)
                .put(signature)
                .array();
        return new NoteSignature(name, verifier.keyId(), blob);
    }

    @Override
    public String toString() {
        return "CosignerKey[" + verifier.encoded() + "]";
    }
}
