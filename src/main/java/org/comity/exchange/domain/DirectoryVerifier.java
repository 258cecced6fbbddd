package org.comity.exchange.domain;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.comity.exchange.TrustRefused;
import org.comity.shared.Violation;

/**
 * Verifies a signed directory against the operator keys this node is configured with, in this order,
 * each step throwing its own {@link TrustRefused}: (1) a compact JWS of bounded size; (2) ES256 only,
 * no header that picks its own key, typ {@value SignedDocuments#DIRECTORY_TYPE}; (3) the {@code kid}
 * names a trusted operator key; (4) the signature verifies with it; (5) the payload's fields are
 * there; (6) issued, not expired; (7) every entry well-formed; (8) no authority twice; (9) no key id
 * twice; (10) its sequence is above the one already loaded. Nothing about the directory is read as
 * true before step 4.
 */
public final class DirectoryVerifier {

    public static final int MAX_AUTHORITIES = 10_000;

    private final Map<String, ECKey> operatorKeys;

    public DirectoryVerifier(Collection<ECKey> trustedOperatorKeys) {
        var keys = new LinkedHashMap<String, ECKey>();
        for (ECKey key : trustedOperatorKeys) {
            if (!Curve.P_256.equals(key.getCurve())) {
                throw new IllegalArgumentException("directory operator keys are P-256 keys");
            }
            var publicKey = key.toPublicJWK();
            // Named by thumbprint whatever kid the configuration gave, as signed directories are.
            keys.put(Entries.thumbprint(publicKey), publicKey);
        }
        this.operatorKeys = Map.copyOf(keys);
    }

    /** The configured operator keys (public), by thumbprint. */
    public java.util.Collection<ECKey> operatorKeys() {
        return operatorKeys.values();
    }

    public boolean trustsAnyOperator() {
        return !operatorKeys.isEmpty();
    }

    /**
     * @param afterSequence the sequence of the directory loaded now (0 if none): only a newer one may
     *     replace it, so an old, replayed directory cannot bring back a revoked key
     */
    public VerifiedDirectory verify(String compact, Instant now, long afterSequence) {
        JWSObject jws = SignedDocuments.parse(compact, SignedDocuments.DIRECTORY_TYPE);
        String kid = jws.getHeader().getKeyID();
        ECKey operatorKey = operatorKeys.get(kid);
        if (operatorKey == null) {
            throw new TrustRefused.UntrustedSigner(
                    "header.kid", "the directory is not signed by a directory operator key this node trusts");
        }
        SignedDocuments.verify(jws, operatorKey);
        Map<String, Object> payload = SignedDocuments.payload(jws);
        String operator = Documents.text(payload, "iss", 200);
        long sequence = sequence(payload);
        Instant issuedAt = Documents.time(payload, "iat");
        Instant expiresAt = Documents.time(payload, "exp");
        Documents.requireCurrent(issuedAt, expiresAt, now);
        if (!(payload.get("authorities") instanceof List<?> raw) || raw.size() > MAX_AUTHORITIES) {
            throw new TrustRefused.MalformedDocument(
                    "authorities", "'authorities' is a list of at most " + MAX_AUTHORITIES + " entries");
        }
        var violations = new ArrayList<Violation>();
        var entries = new ArrayList<DirectoryEntry>();
        for (int i = 0; i < raw.size(); i++) {
            Entries.read(raw.get(i), "authorities[" + i + "]", violations).ifPresent(entries::add);
        }
        if (!violations.isEmpty()) {
            throw new TrustRefused.MalformedEntries(violations);
        }
        Entries.requireUniqueAuthorities(entries, "authorities");
        Entries.requireUniqueKeyIds(entries, "authorities");
        if (sequence <= afterSequence) {
            throw new TrustRefused.StaleDirectory(
                    "seq", "sequence " + sequence + " is not above the loaded directory's " + afterSequence);
        }
        return new VerifiedDirectory(operator, kid, sequence, issuedAt, expiresAt, entries, compact.strip());
    }

    private static long sequence(Map<String, Object> payload) {
        if (payload.get("seq") instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && n.longValue() >= 1
                && n.longValue() < (1L << 53)) {
            return n.longValue();
        }
        throw new TrustRefused.MalformedDocument("seq", "'seq' is a whole number from 1");
    }
}
