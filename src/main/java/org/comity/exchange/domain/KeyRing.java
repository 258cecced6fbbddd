package org.comity.exchange.domain;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.exchange.Authority;
import org.comity.exchange.KeyPurpose;

/**
 * The node's own keys, private parts included: the newest current key of each purpose is the one in
 * use; older ones stay published until they expire, so a peer can still verify what they signed.
 */
public final class KeyRing {

    private final List<ECKey> keys;

    /** @param keys in the order they were made */
    public KeyRing(List<ECKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public List<ECKey> keys() {
        return keys;
    }

    /** A fresh P-256 key for {@code purpose}, named by its thumbprint, valid from now for {@code validity}. */
    public static ECKey generate(KeyPurpose purpose, Instant now, Duration validity) {
        var from = now.truncatedTo(ChronoUnit.SECONDS);
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyUse(purpose == KeyPurpose.SIGNING ? KeyUse.SIGNATURE : KeyUse.ENCRYPTION)
                    .algorithm(purpose == KeyPurpose.SIGNING ? JWSAlgorithm.ES256 : JWEAlgorithm.ECDH_ES)
                    .keyIDFromThumbprint(true)
                    .issueTime(Date.from(from))
                    .notBeforeTime(Date.from(from))
                    .expirationTime(Date.from(from.plus(validity)))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate a P-256 key", e);
        }
    }

    /**
     * The key of this purpose in use at {@code now}: of those valid then, the one valid from the
     * latest moment, and of two valid from the same second the one made later (listed later).
     */
    public Optional<ECKey> current(KeyPurpose purpose, Instant now) {
        ECKey chosen = null;
        for (ECKey key : keys) {
            if (Entries.purpose(key).equals(Optional.of(purpose))
                    && !key.getNotBeforeTime().toInstant().isAfter(now)
                    && now.isBefore(key.getExpirationTime().toInstant())
                    && (chosen == null || !key.getNotBeforeTime().before(chosen.getNotBeforeTime()))) {
                chosen = key;
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** What the card lists: every key not yet expired, public parts only. */
    public List<ECKey> published(Instant now) {
        return keys.stream()
                .filter(k -> now.isBefore(k.getExpirationTime().toInstant()))
                .map(ECKey::toPublicJWK)
                .toList();
    }

    /**
     * The self-signed authority card: the identity and the published keys, signed with the current
     * signing key, valid for {@code validity} but never beyond that key's expiry.
     */
    public String card(Authority authority, Instant now, Duration validity) {
        return card(authority, now, validity, List.of());
    }

    /** The card, listing also supervisors' keys (public, marked {@code key_ops: ["verify"]}) still valid. */
    public String card(Authority authority, Instant now, Duration validity, List<ECKey> supervisorKeys) {
        var signing = current(KeyPurpose.SIGNING, now)
                .orElseThrow(() -> new IllegalStateException("no current signing key to sign the authority card"));
        var issued = now.truncatedTo(ChronoUnit.SECONDS);
        var expires = issued.plus(validity);
        if (expires.isAfter(signing.getExpirationTime().toInstant())) {
            expires = signing.getExpirationTime().toInstant();
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("iss", authority.id().value());
        payload.put("iat", issued.getEpochSecond());
        payload.put("exp", expires.getEpochSecond());
        var keys = new java.util.ArrayList<>(published(now));
        supervisorKeys.stream()
                .filter(k -> now.isBefore(k.getExpirationTime().toInstant()))
                .forEach(keys::add);
        payload.put("authority", Entries.toJson(authority, keys));
        return SignedDocuments.sign(payload, SignedDocuments.CARD_TYPE, signing);
    }
}
