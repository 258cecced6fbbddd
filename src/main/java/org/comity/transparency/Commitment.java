package org.comity.transparency;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Objects;

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

    public Commitment {
        if (!lowerHex64(sha256)) {
            throw new IllegalArgumentException("a commitment is 64 lower-case hex digits");
        }
        Objects.requireNonNull(disclose, "disclose");
    }

    // [0-9a-f]{64} without a Matcher per entry (issue 18: the writer builds one commitment per append).
    private static boolean lowerHex64(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * One digest per thread, reset before each use, as in {@code MerkleTree}: {@code
     * MessageDigest.getInstance} per commitment (a provider lookup, a new engine and its buffers) was a
     * fifth of what building an entry allocated.
     */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

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
        MessageDigest d = DIGEST.get();
        d.reset(); // in case a previous use stopped half-way
        d.update(salt);
        d.update(record);
        return d.digest();
    }
}
