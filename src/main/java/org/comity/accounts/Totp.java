package org.comity.accounts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP), as authenticator apps compute them:
 * HMAC of the number of 30-second steps since the epoch, dynamically truncated to 6 digits. Written
 * here rather than taken from a library because it is forty lines of {@code javax.crypto}, checked
 * against the RFCs' own test vectors ({@code TotpTest}).
 *
 * <p>The console's second factor: {@code SignIn} checks the codes, {@code Accounts} enrols secrets.
 */
final class Totp {

    /** The HMACs RFC 6238 names; authenticator apps assume SHA-1 unless told otherwise. */
    enum Algorithm {
        SHA1("HmacSHA1"),
        SHA256("HmacSHA256"),
        SHA512("HmacSHA512");

        final String jca;

        Algorithm(String jca) {
            this.jca = jca;
        }
    }

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    /** Steps either side of now still accepted: clocks drift and people type slowly. */
    static final int TOLERANCE = 1;
    /** 160 bits, the HMAC-SHA1 block-size recommendation of RFC 4226. */
    static final int SECRET_BYTES = 20;

    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Totp() {}

    /** RFC 4226 HOTP: the code for one counter value. */
    static String hotp(byte[] secret, long counter, Algorithm algorithm, int digits) {
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("6 to 8 digits");
        }
        byte[] hash;
        try {
            var mac = Mac.getInstance(algorithm.jca);
            mac.init(new SecretKeySpec(secret, algorithm.jca));
            hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(counter).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm.jca, e);
        }
        // Dynamic truncation (RFC 4226 §5.3): four bytes at the offset the last nibble names.
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24)
                | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        var code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /** The step an instant falls in. */
    static long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP.toSeconds());
    }

    /** RFC 6238 TOTP: the code at an instant. */
    static String at(byte[] secret, Instant time, Algorithm algorithm, int digits) {
        return hotp(secret, stepAt(time), algorithm, digits);
    }

    /**
     * The step whose code this is, if it is the code of a step within {@link #TOLERANCE} of now and
     * later than {@code lastUsedStep}: a code works once (RFC 6238 §5.2), so one seen over a shoulder
     * or in a log cannot be replayed. Compared in constant time.
     */
    static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
        if (code == null || code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        long matched = -1;
        for (long step = current - TOLERANCE; step <= current + TOLERANCE; step++) {
            var expected = hotp(secret, step, Algorithm.SHA1, DIGITS);
            // No early exit: every candidate is computed and compared whatever matched.
            if (MessageDigest.isEqual(
                            expected.getBytes(StandardCharsets.US_ASCII), code.getBytes(StandardCharsets.US_ASCII))
                    && step > lastUsedStep) {
                matched = step;
            }
        }
        return matched < 0 ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    static byte[] newSecret(SecureRandom random) {
        var secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    /** RFC 4648 base 32 without padding, the form authenticator apps take a secret in. */
    static String base32(byte[] bytes) {
        var out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return out.toString();
    }

    /** The key URI authenticator apps read (Google Authenticator's {@code otpauth://totp/…} format). */
    static String keyUri(String issuer, String account, byte[] secret) {
        var label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
