package org.comity.transparency.domain.audit;

import java.util.Objects;

/**
 * A log audit step that did not pass. {@link #code()} is one of a closed set, so a caller (the CLI,
 * the witness, a monitor) can act on it without reading the message; the message says what was seen.
 */
public final class AuditFailure extends RuntimeException {

    /** What the audit caught. The codes are stable and printed by {@code comity log verify}. */
    public enum Code {
        /** The log shows a smaller tree than one it signed before. */
        ROLLED_BACK("rolled-back"),
        /** The log signed two trees that are not one the prefix of the other. */
        FORKED("forked"),
        /** A served hash tile or entry bundle does not produce the signed root. */
        TILE_MISMATCH("tile-mismatch"),
        /** An entry in the bundles is not a canonical log entry. */
        ENTRY_MALFORMED("entry-malformed"),
        /** The checkpoint is not validly signed by the pinned log key, or is for another origin. */
        BAD_SIGNATURE("bad-signature"),
        /** Fewer witnesses cosigned the checkpoint than the policy's quorum requires. */
        BELOW_QUORUM("below-quorum");

        private final String code;

        Code(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Code code;

    public AuditFailure(Code code, String message) {
        this(code, message, null);
    }

    public AuditFailure(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    public Code code() {
        return code;
    }
}
