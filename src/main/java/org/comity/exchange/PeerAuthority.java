package org.comity.exchange;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An authority this node knows from a verified source, with every key that source lists and each
 * key's standing now.
 *
 * @param pinId the pin when the source is a pin, else null
 */
public record PeerAuthority(
        AuthorityView authority,
        TrustedKey.Source source,
        @Nullable Long pinId,
        List<PeerKey> keys) {

    /**
     * @param revokedAt when any verified source (this one or another) revoked the key id, else null
     * @param coSigner a supervisor's key, accepted only as an emergency's second signature
     */
    public record PeerKey(
            String keyId,
            KeyPurpose purpose,
            KeyValidity validity,
            String fingerprint,
            boolean coSigner,
            @Nullable Instant revokedAt,
            Standing standing) {}

    /** A key's standing now; revocation first, as a revoked key is refused whatever date a message claims. */
    public enum Standing {
        REVOKED,
        NOT_YET_VALID,
        EXPIRED,
        VALID;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static Standing of(KeyValidity validity, @Nullable Instant revokedAt, Instant now) {
            if (revokedAt != null) {
                return REVOKED;
            }
            if (now.isBefore(validity.notBefore())) {
                return NOT_YET_VALID;
            }
            return validity.covers(now) ? VALID : EXPIRED;
        }
    }
}
