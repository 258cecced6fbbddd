package org.comity.exchange.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import org.comity.exchange.TrustRefused;

/**
 * The fingerprint administrators compare out of band (by telephone, on letterhead) before pinning a
 * card: the SHA-256 JWK thumbprint of the card's signing key (RFC 7638, which also is its key id), in
 * hex, written in groups of four for reading aloud.
 */
public record Fingerprint(String hex) {

    public Fingerprint {
        if (hex == null || !hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a fingerprint is 64 hex digits");
        }
    }

    public static Fingerprint of(ECKey key) {
        try {
            return new Fingerprint(
                    HexFormat.of().formatHex(key.computeThumbprint().decode()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads what an administrator typed: hex digits, in any case, with spaces or colons anywhere. */
    public static Fingerprint parse(String field, String typed) {
        var digits = typed == null ? "" : typed.replaceAll("[\\s:]", "").toLowerCase(Locale.ROOT);
        if (!digits.matches("[0-9a-f]{64}")) {
            throw new TrustRefused.MalformedDocument(
                    field, "a fingerprint is 64 hex digits (spaces and colons allowed)");
        }
        return new Fingerprint(digits);
    }

    public boolean matches(Fingerprint other) {
        return MessageDigest.isEqual(hex.getBytes(), other.hex.getBytes());
    }

    /** {@code 1a2b 3c4d …}: sixteen groups of four. */
    public String grouped() {
        var out = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(hex, i, i + 4);
        }
        return out.toString();
    }
}
