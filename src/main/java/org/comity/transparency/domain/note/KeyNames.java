package org.comity.transparency.domain.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.comity.transparency.domain.FormatException;

/** Key name rules and key ids shared by signers and verifiers. */
final class KeyNames {

    static final byte ED25519 = 0x01;

    /** tlog-cosignature: an Ed25519 cosigner key signs {@code cosignature/v1} messages. */
    static final byte COSIGNATURE_V1 = 0x04;

    private KeyNames() {}

    /** signed-note: non-empty, no Unicode spaces, no '+'; control characters are banned in notes. */
    static void check(String name) {
        if (name == null || name.isEmpty()) {
            throw new FormatException("key name must not be empty");
        }
        name.codePoints().forEach(cp -> {
            if (cp == '+' || cp < 0x20 || isSpace(cp)) {
                throw new FormatException("key name must not contain spaces, '+' or control characters");
            }
        });
    }

    // Matches Go's unicode.IsSpace, which the reference implementation uses.
    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }

    /** First four bytes, big-endian, of SHA-256(name || 0x0A || 0x01 || public key). */
    static int keyId(String name, byte[] publicKey) {
        return keyId(name, ED25519, publicKey);
    }

    /** First four bytes, big-endian, of SHA-256(name || 0x0A || type || public key). */
    static int keyId(String name, byte type, byte[] publicKey) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(name.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update(type);
            d.update(publicKey);
            byte[] h = d.digest();
            return ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String hex(int keyId) {
        return String.format("%08x", keyId);
    }

    static int parseHex(String hex, String what) {
        if (hex.length() != 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new FormatException(what + " key id must be 8 hex digits");
        }
        return Integer.parseUnsignedInt(hex, 16);
    }
}
