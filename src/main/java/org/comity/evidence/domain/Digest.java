package org.comity.evidence.domain;

import java.util.HexFormat;

/** A SHA-256 digest as 64 lower-case hex digits. */
public record Digest(String hex) {

    public static final Digest ZERO = new Digest("0".repeat(64));

    public Digest {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 digest is 64 lower-case hex digits");
        }
    }

    public static Digest of(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes");
        }
        return new Digest(HexFormat.of().formatHex(sha256));
    }

    public byte[] bytes() {
        return HexFormat.of().parseHex(hex);
    }

    @Override
    public String toString() {
        return hex;
    }
}
