package org.comity.transparency.domain.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.comity.transparency.domain.Encoding;
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

    /** A verifier key string's parts: its name, key id and Ed25519 public key (without the type byte). */
    record VerifierParts(String name, int keyId, byte[] publicKey) {}

    /**
     * Parses {@code <name>+<key id>+<base64(type || key)>}. The base64 key may itself hold '+', so only
     * the first two separate fields. {@code wrongType} is the message when the type or length is wrong.
     */
    static VerifierParts parseVerifier(String vkey, byte type, String wrongType) {
        String[] parts = vkey.split("\\+", 3);
        if (parts.length != 3) {
            throw new FormatException("a verifier key is <name>+<key id>+<key>");
        }
        check(parts[0]);
        int keyId = parseHex(parts[1], "verifier");
        byte[] key = Encoding.base64(parts[2], "verifier key");
        if (key.length != 1 + Ed25519.KEY_LENGTH || key[0] != type) {
            throw new FormatException(wrongType);
        }
        return new VerifierParts(parts[0], keyId, Arrays.copyOfRange(key, 1, key.length));
    }

    /** The verifier key string {@code <name>+<key id>+<base64(type || key)>}. */
    static String encodeVerifier(String name, int keyId, byte type, byte[] publicKey) {
        byte[] key = new byte[1 + publicKey.length];
        key[0] = type;
        System.arraycopy(publicKey, 0, key, 1, publicKey.length);
        return name + "+" + hex(keyId) + "+" + Base64.getEncoder().encodeToString(key);
    }
}
