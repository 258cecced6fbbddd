package org.comity.exchange;

import java.util.List;
import org.comity.shared.Violation;

/**
 * Why a document or key is not trusted: one case per verification step, so callers and tests can tell
 * which check refused it. Thrown, never returned: a verification that fails cannot be forgotten.
 * Messages name the step and the field, never a secret.
 */
public abstract sealed class TrustRefused extends RuntimeException
        permits TrustRefused.MalformedDocument,
                TrustRefused.RefusedAlgorithm,
                TrustRefused.WrongDocumentType,
                TrustRefused.UntrustedSigner,
                TrustRefused.BadSignature,
                TrustRefused.NotYetValid,
                TrustRefused.Expired,
                TrustRefused.MalformedEntries,
                TrustRefused.DuplicateKeyId,
                TrustRefused.DuplicateAuthority,
                TrustRefused.StaleDirectory,
                TrustRefused.FingerprintMismatch,
                TrustRefused.UnknownAuthority,
                TrustRefused.UnknownKey,
                TrustRefused.KeyRevoked,
                TrustRefused.KeyExpired,
                TrustRefused.KeyNotYetValid,
                TrustRefused.WrongKeyPurpose {

    private final String field;

    TrustRefused(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The step that refused, a stable kebab-case code (docs/exchange.md lists them in order). */
    public abstract String step();

    /** Where in the document the problem is, as a JSON path ({@code authorities[2].keys[0].kid}). */
    public String field() {
        return field;
    }

    /** The refusal as violations naming their fields, for a problem+json answer. */
    public List<Violation> violations() {
        return List.of(new Violation(field, step(), getMessage()));
    }

    /** The document is not a compact JWS with a JSON payload of the expected shape, or is too large. */
    public static final class MalformedDocument extends TrustRefused {
        public MalformedDocument(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "malformed-document";
        }
    }

    /** The JWS algorithm is not ES256 (none, HMAC and every other algorithm are refused), or the header asks for something this node does not do. */
    public static final class RefusedAlgorithm extends TrustRefused {
        public RefusedAlgorithm(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "refused-algorithm";
        }
    }

    /** The JWS typ is not the kind of document expected here (a card offered as a directory, or the reverse). */
    public static final class WrongDocumentType extends TrustRefused {
        public WrongDocumentType(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "wrong-document-type";
        }
    }

    /** The key id in the header names no key this node trusts for this kind of document. */
    public static final class UntrustedSigner extends TrustRefused {
        public UntrustedSigner(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "untrusted-signer";
        }
    }

    /** The signature does not verify with the key the header names: the document was altered or signed by someone else. */
    public static final class BadSignature extends TrustRefused {
        public BadSignature(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "bad-signature";
        }
    }

    /** The document was issued in the future. */
    public static final class NotYetValid extends TrustRefused {
        public NotYetValid(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "not-yet-valid";
        }
    }

    /** The document's validity has ended. */
    public static final class Expired extends TrustRefused {
        public Expired(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "expired";
        }
    }

    /** One or more entries break a rule; every one is listed with its field. */
    public static final class MalformedEntries extends TrustRefused {
        private final List<Violation> violations;

        public MalformedEntries(List<Violation> violations) {
            super(
                    violations.isEmpty() ? "entries" : violations.getFirst().field(),
                    violations.size() + " entry rule(s) broken");
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }

        @Override
        public String step() {
            return "malformed-entries";
        }
    }

    /** Two keys share one key id, so a key id would not name one key. */
    public static final class DuplicateKeyId extends TrustRefused {
        public DuplicateKeyId(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "duplicate-key-id";
        }
    }

    /** One authority id appears twice. */
    public static final class DuplicateAuthority extends TrustRefused {
        public DuplicateAuthority(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "duplicate-authority";
        }
    }

    /** The directory's sequence number is not above the one already loaded: an old directory cannot replace a newer one. */
    public static final class StaleDirectory extends TrustRefused {
        public StaleDirectory(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "stale-directory";
        }
    }

    /** The card's signing key does not have the fingerprint the administrator confirmed out of band. */
    public static final class FingerprintMismatch extends TrustRefused {
        public FingerprintMismatch(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "fingerprint-mismatch";
        }
    }

    /** No verified directory entry or pin names this authority. */
    public static final class UnknownAuthority extends TrustRefused {
        public UnknownAuthority(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "unknown-authority";
        }
    }

    /** The authority is known but has no trusted key with this key id. */
    public static final class UnknownKey extends TrustRefused {
        public UnknownKey(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "unknown-key";
        }
    }

    /** The key was revoked; it is refused whatever date is claimed. */
    public static final class KeyRevoked extends TrustRefused {
        public KeyRevoked(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "key-revoked";
        }
    }

    /** The key's validity ended before the date in question. */
    public static final class KeyExpired extends TrustRefused {
        public KeyExpired(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "key-expired";
        }
    }

    /** The key's validity starts after the date in question. */
    public static final class KeyNotYetValid extends TrustRefused {
        public KeyNotYetValid(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "key-not-yet-valid";
        }
    }

    /** The key is for another purpose (an encryption key offered for a signature or the reverse). */
    public static final class WrongKeyPurpose extends TrustRefused {
        public WrongKeyPurpose(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "wrong-key-purpose";
        }
    }
}
