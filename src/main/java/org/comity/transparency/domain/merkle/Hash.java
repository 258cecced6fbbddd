package org.comity.transparency.domain.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.comity.transparency.domain.Encoding;
import org.comity.transparency.domain.FormatException;

/** A SHA-256 value: a leaf hash, a node hash or a tree root. Compared by value. */
public record Hash(byte[] bytes) {

    public static final int LENGTH = 32;

    public Hash {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new FormatException("a hash has " + LENGTH + " bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static Hash of(byte[] bytes) {
        return new Hash(bytes);
    }

    public static Hash fromHex(String hex) {
        try {
            return new Hash(HexFormat.of().parseHex(hex));
        } catch (IllegalArgumentException e) {
            if (e instanceof FormatException fe) {
                throw fe;
            }
            throw new FormatException("hash is not hex", e);
        }
    }

    public static Hash fromBase64(String base64) {
        return new Hash(Encoding.base64(base64, "hash"));
    }

    /** A copy: the record stays immutable. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The backing array, for hashing inside this package without a copy; never exposed. */
    byte[] shared() {
        return bytes;
    }

    /** Reads one byte without copying the whole array. */
    public int byteAt(int i) {
        return bytes[i] & 0xff;
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
