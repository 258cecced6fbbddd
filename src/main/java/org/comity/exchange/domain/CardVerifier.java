package org.comity.exchange.domain;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.exchange.KeyPurpose;
import org.comity.exchange.TrustRefused;
import org.comity.shared.Violation;

/**
 * Verifies a peer's self-signed authority card for a bilateral pin. A self-signature proves only that
 * whoever made the card holds the key; the trust comes from the fingerprint the administrator
 * confirmed with the peer out of band. So, in order: (1–2) the envelope as for a directory, with typ
 * {@value SignedDocuments#CARD_TYPE}; (3) the header's {@code kid} names a signing key in the card;
 * (4) that key has the confirmed fingerprint; (5) the signature verifies with it; (6) the card's
 * fields are there; (7) issued, not expired; (8) the entry is well-formed; (9) no key id twice; (10)
 * the card speaks for the authority that signed it ({@code iss}).
 */
public final class CardVerifier {

    private CardVerifier() {}

    public static VerifiedCard verify(String compact, Fingerprint confirmed, Instant now) {
        JWSObject jws = SignedDocuments.parse(compact, SignedDocuments.CARD_TYPE);
        String kid = jws.getHeader().getKeyID();
        // Read before the signature is checked only to find the key the fingerprint must match.
        ECKey signingKey = claimedSigningKey(jws, kid);
        var fingerprint = Fingerprint.of(signingKey);
        if (!fingerprint.matches(confirmed)) {
            throw new TrustRefused.FingerprintMismatch(
                    "fingerprint", "the card's signing key has fingerprint " + fingerprint.grouped());
        }
        SignedDocuments.verify(jws, signingKey);
        Map<String, Object> payload = SignedDocuments.payload(jws);
        String issuer = Documents.text(payload, "iss", 80);
        Instant issuedAt = Documents.time(payload, "iat");
        Instant expiresAt = Documents.time(payload, "exp");
        Documents.requireCurrent(issuedAt, expiresAt, now);
        var violations = new ArrayList<Violation>();
        var entry = Entries.read(payload.get("authority"), "authority", violations);
        if (entry.isEmpty()) {
            throw new TrustRefused.MalformedEntries(violations);
        }
        Entries.requireUniqueKeyIds(List.of(entry.get()), "authority");
        if (!entry.get().authority().id().value().equals(issuer)) {
            throw new TrustRefused.MalformedDocument("iss", "the card's issuer is not the authority it describes");
        }
        var listed = entry.get().keys().stream()
                .filter(k -> k.getKeyID().equals(kid))
                .findFirst()
                .orElseThrow();
        if (!Entries.purpose(listed).equals(Optional.of(KeyPurpose.SIGNING))
                || listed.getKeyRevocation() != null
                || !listed.getNotBeforeTime().toInstant().isBefore(now.plus(Documents.ALLOWED_SKEW))
                || !now.isBefore(listed.getExpirationTime().toInstant())) {
            throw new TrustRefused.UntrustedSigner(
                    "header.kid", "the card is signed with a key that is not a current signing key of the card");
        }
        return new VerifiedCard(entry.get(), kid, fingerprint, issuedAt, expiresAt, compact.strip());
    }

    /**
     * The fingerprint of the key the card says it is signed with, unverified: what an operator or
     * administrator then confirms with the authority out of band.
     */
    public static Fingerprint claimedFingerprint(String compact) {
        JWSObject jws = SignedDocuments.parse(compact, SignedDocuments.CARD_TYPE);
        return Fingerprint.of(claimedSigningKey(jws, jws.getHeader().getKeyID()));
    }

    private static ECKey claimedSigningKey(JWSObject jws, String kid) {
        try {
            Map<String, Object> payload = JSONObjectUtils.parse(jws.getPayload().toString());
            Map<String, Object> authority = JSONObjectUtils.getJSONObject(payload, "authority");
            List<Object> keys = authority == null ? null : JSONObjectUtils.getJSONArray(authority, "keys");
            if (keys != null) {
                for (Object key : keys) {
                    if (key instanceof Map<?, ?> map && kid.equals(map.get("kid"))) {
                        var problems = new ArrayList<Violation>();
                        var parsed = Entries.key(map, "authority.keys", problems);
                        if (parsed.isPresent()) {
                            return parsed.get();
                        }
                    }
                }
            }
        } catch (ParseException | RuntimeException e) {
            throw new TrustRefused.MalformedDocument("payload", "the card's payload is not a card");
        }
        throw new TrustRefused.UntrustedSigner("header.kid", "the card is not signed by a well-formed key it lists");
    }
}
