package org.comity.exchange;

import java.util.List;
import org.comity.shared.Violation;

/**
 * Why a received message was not accepted: one case per verification step of the inbox, in the order
 * docs/exchange.md lists them, each with a stable code. Thrown, never returned. Messages name the step
 * and the field, never the content or a secret.
 */
public abstract sealed class MessageRefused extends RuntimeException
        permits MessageRefused.TooLarge,
                MessageRefused.Malformed,
                MessageRefused.RefusedAlgorithm,
                MessageRefused.NotForMe,
                MessageRefused.Undecryptable,
                MessageRefused.UntrustedSender,
                MessageRefused.WrongSignerRole,
                MessageRefused.BadSignature,
                MessageRefused.WrongRecipient,
                MessageRefused.EmergencyNeedsTwoSignatures,
                MessageRefused.NotYetValid,
                MessageRefused.Expired,
                MessageRefused.Replayed,
                MessageRefused.OutOfSequence {

    private final String field;

    MessageRefused(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The step that refused, a stable kebab-case code. */
    public abstract String step();

    public String field() {
        return field;
    }

    public List<Violation> violations() {
        return List.of(new Violation(field, step(), getMessage()));
    }

    /** More bytes than the inbox accepts, counted before anything is parsed. */
    public static final class TooLarge extends MessageRefused {
        public TooLarge(String message) {
            super("body", message);
        }

        @Override
        public String step() {
            return "too-large";
        }
    }

    /** Not a compact JWE holding a JWS of the expected shape, or an envelope missing a member. */
    public static final class Malformed extends MessageRefused {
        public Malformed(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "malformed-message";
        }
    }

    /** An algorithm or header parameter other than the ones the protocol fixes. */
    public static final class RefusedAlgorithm extends MessageRefused {
        public RefusedAlgorithm(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "refused-algorithm";
        }
    }

    /** Encrypted to a key that is not one of this node's encryption keys. */
    public static final class NotForMe extends MessageRefused {
        public NotForMe(String message) {
            super("header.kid", message);
        }

        @Override
        public String step() {
            return "not-for-me";
        }
    }

    /** The ciphertext does not decrypt with the key it names: altered in transit, or not made for it. */
    public static final class Undecryptable extends MessageRefused {
        public Undecryptable(String message) {
            super("ciphertext", message);
        }

        @Override
        public String step() {
            return "undecryptable";
        }
    }

    /**
     * The sender or its key is not trusted for the message's date: the step is the trust directory's
     * ({@code unknown-authority}, {@code unknown-key}, {@code key-revoked}, {@code key-expired}, {@code
     * key-not-yet-valid}, {@code wrong-key-purpose}, or {@code directory-expired}).
     */
    public static final class UntrustedSender extends MessageRefused {
        private final String step;

        public UntrustedSender(String field, TrustRefused cause) {
            super(field, cause.getMessage());
            this.step = cause instanceof TrustRefused.Expired ? "directory-expired" : cause.step();
        }

        @Override
        public String step() {
            return step;
        }
    }

    /** A signature claims a role its key does not have (a supervisor key as the authority's, or the reverse). */
    public static final class WrongSignerRole extends MessageRefused {
        public WrongSignerRole(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "wrong-signer-role";
        }
    }

    /** A signature does not verify, or the signed envelope contradicts its signature header. */
    public static final class BadSignature extends MessageRefused {
        public BadSignature(String field, String message) {
            super(field, message);
        }

        @Override
        public String step() {
            return "bad-signature";
        }
    }

    /** The signed envelope names another authority as recipient. */
    public static final class WrongRecipient extends MessageRefused {
        public WrongRecipient(String message) {
            super("recipient", message);
        }

        @Override
        public String step() {
            return "wrong-recipient";
        }
    }

    /** An emergency request without both the authority's and a supervisor's signature. */
    public static final class EmergencyNeedsTwoSignatures extends MessageRefused {
        public EmergencyNeedsTwoSignatures(String message) {
            super("signatures", message);
        }

        @Override
        public String step() {
            return "emergency-needs-two-signatures";
        }
    }

    /** Created further in the future than clocks drift. */
    public static final class NotYetValid extends MessageRefused {
        public NotYetValid(String message) {
            super("created", message);
        }

        @Override
        public String step() {
            return "not-yet-valid";
        }
    }

    /** Arrived at or after its expiry. */
    public static final class Expired extends MessageRefused {
        public Expired(String message) {
            super("expires", message);
        }

        @Override
        public String step() {
            return "expired";
        }
    }

    /** A message id already accepted, with other bytes (the same bytes get the same receipt instead). */
    public static final class Replayed extends MessageRefused {
        public Replayed(String message) {
            super("id", message);
        }

        @Override
        public String step() {
            return "replayed";
        }
    }

    /** A sequence number not above the last accepted from this sender in this conversation. */
    public static final class OutOfSequence extends MessageRefused {
        public OutOfSequence(String message) {
            super("sequence", message);
        }

        @Override
        public String step() {
            return "out-of-sequence";
        }
    }
}
