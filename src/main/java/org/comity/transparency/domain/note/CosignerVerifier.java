package org.comity.transparency.domain.note;

import static org.comity.transparency.domain.VerificationException.Failure.INVALID_SIGNATURE;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;

/**
 * A witness's public key for C2SP tlog-cosignature {@code cosignature/v1} (Ed25519): the vkey
 * {@code <name>+<8 hex key id>+<base64(0x04 || public key)>}, whose key id is
 * SHA-256(name || 0x0A || 0x04 || key)[:4].
 */
public record CosignerVerifier(String name, int keyId, byte[] publicKey) {

    /** A cosignature is an 8-byte big-endian timestamp and a 64-byte Ed25519 signature. */
    static final int SIGNATURE_BYTES = 8 + Ed25519.SIGNATURE_LENGTH;

    public CosignerVerifier {
        KeyNames.check(name);
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != Ed25519.KEY_LENGTH) {
            throw new FormatException("an Ed25519 public key has 32 bytes");
        }
        publicKey = publicKey.clone();
        if (keyId != KeyNames.keyId(name, KeyNames.COSIGNATURE_V1, publicKey)) {
            throw new FormatException("key id " + KeyNames.hex(keyId) + " does not match the cosigner key");
        }
        try {
            Ed25519.publicKeyObject(publicKey);
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            throw new FormatException("not an Ed25519 public key", e);
        }
    }

    public static CosignerVerifier of(String name, byte[] publicKey) {
        return new CosignerVerifier(name, KeyNames.keyId(name, KeyNames.COSIGNATURE_V1, publicKey), publicKey);
    }

    public static CosignerVerifier parse(String vkey) {
        var parts = KeyNames.parseVerifier(
                vkey, KeyNames.COSIGNATURE_V1, "cosigner key is not 0x04 followed by a 32-byte Ed25519 key");
        return new CosignerVerifier(parts.name(), parts.keyId(), parts.publicKey());
    }

    public String encoded() {
        return KeyNames.encodeVerifier(name, keyId, KeyNames.COSIGNATURE_V1, publicKey);
    }

    /** The signed message of tlog-cosignature: two header lines, then the whole checkpoint text. */
    public static byte[] message(long timestamp, String checkpointText) {
        SignedNote.checkText(checkpointText);
        return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code signature} is a line of this key (name and key id); it may still be invalid. */
    public boolean matches(NoteSignature signature) {
        return signature.keyName().equals(name) && signature.keyId() == keyId;
    }

    /**
     * @return the cosignature's timestamp (POSIX seconds)
     * @throws VerificationException if the line is this key's but does not verify over the text
     */
    public long verify(String checkpointText, NoteSignature signature) {
        if (!matches(signature)) {
            throw new IllegalArgumentException("not a signature by " + name);
        }
        byte[] blob = signature.shared();
        if (blob.length != SIGNATURE_BYTES) {
            throw new VerificationException(INVALID_SIGNATURE, "a cosignature by " + name + " has 72 bytes");
        }
        long timestamp = ByteBuffer.wrap(blob).getLong();
        if (timestamp < 0) {
            throw new VerificationException(INVALID_SIGNATURE, "cosignature timestamp above 2^63-1");
        }
        if (!Ed25519.verify(publicKey, message(timestamp, checkpointText), Arrays.copyOfRange(blob, 8, blob.length))) {
            throw new VerificationException(INVALID_SIGNATURE, "invalid cosignature by " + name);
        }
        return timestamp;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosignerVerifier v
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
