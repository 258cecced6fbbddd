package org.comity.transparency.domain;

import java.util.Base64;

/**
 * Strict decoders shared by the wire formats. Each value has exactly one accepted spelling, so two
 * parties never disagree about whether two encodings denote the same thing.
 */
public final class Encoding {

    private Encoding() {}

    /** Decodes standard padded base64 (RFC 4648 §4), rejecting any non-canonical spelling. */
    public static byte[] base64(String text, String what) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new FormatException(what + " is not valid base64", e);
        }
        // The JDK accepts missing padding and non-zero trailing bits; re-encoding rejects both.
        if (!Base64.getEncoder().encodeToString(decoded).equals(text)) {
            throw new FormatException(what + " is not canonical padded base64");
        }
        return decoded;
    }

    /** Parses an ASCII decimal without sign or leading zeroes ("0" itself is allowed). */
    public static long decimal(String text, String what) {
        if (text.isEmpty() || text.length() > 19) {
            throw new FormatException(what + " must be 1 to 19 decimal digits");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new FormatException(what + " must be ASCII decimal digits");
            }
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw new FormatException(what + " must not have leading zeroes");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FormatException(what + " exceeds 2^63-1", e);
        }
    }
}
