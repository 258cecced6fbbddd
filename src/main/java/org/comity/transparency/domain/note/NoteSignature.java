package org.comity.transparency.domain.note;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.comity.transparency.domain.FormatException;

/** One signature line: {@code — <name> base64(4-byte key id || signature)}. */
public record NoteSignature(String keyName, int keyId, byte[] signature) {

    /** Large enough for post-quantum signatures, small enough to bound parsing. */
    public static final int MAX_SIGNATURE_BYTES = 8192;

    public NoteSignature {
        KeyNames.check(keyName);
        Objects.requireNonNull(signature, "signature");
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
            throw new FormatException("signature must have 1 to " + MAX_SIGNATURE_BYTES + " bytes");
        }
        signature = signature.clone();
    }

    /** The line without its final newline. */
    public String line() {
        byte[] blob = ByteBuffer.allocate(4 + signature.length)
                .putInt(keyId)
                .put(signature)
                .array();
        return SignedNote.SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(blob);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    byte[] shared() {
        return signature;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoteSignature s
                && keyName.equals(s.keyName)
                && keyId == s.keyId
                && Arrays.equals(signature, s.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return line();
    }
}
