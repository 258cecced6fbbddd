package org.comity.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A hiding commitment to the full confidential record of an event: {@code SHA-256(salt || record)}
 * with a fresh 32-byte salt, so the digest reveals nothing (the record cannot be guessed and checked)
 * until the node publishes the salt and record, which it may do from {@code disclose} on.
 *
 * @param sha256 the digest, lower-case hex
 * @param disclose the first day the record may be revealed
 */
public record Commitment(String sha256, LocalDate disclose) {

    public static final int SALT_BYTES = 32;

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Commitment {
        if (sha256 == null || !HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("a commitment is 64 lower-case hex digits");
        }
        Objects.requireNonNull(disclose, "disclose");
    }

    public static Commitment of(byte[] salt, byte[] record, LocalDate disclose) {
        return new Commitment(HexFormat.of().formatHex(digest(salt, record)), disclose);
    }

    /**
     * Checks that {@code salt} and {@code record} are what this commitment was made to.
     *
     * @throws IllegalArgumentException if they are not (or the salt has the wrong length)
     */
    public void verify(byte[] salt, byte[] record) {
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(sha256), digest(salt, record))) {
            throw new IllegalArgumentException("the salt and record do not open commitment " + sha256);
        }
    }

    static byte[] digest(byte[] salt, byte[] record) {
        if (salt.length != SALT_BYTES) {
            throw new IllegalArgumentException("a salt has " + SALT_BYTES + " bytes");
        }
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            d.update(record);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
