package org.comity.transparency.domain;

import java.util.Objects;

/** A proof, signature or checkpoint that does not verify; {@link #failure()} says which check failed. */
public final class VerificationException extends RuntimeException {

    /** The check that failed. Stable, so callers can map it to a problem type. */
    public enum Failure {
        /** Inclusion proof for an index that is not below the tree size. */
        INDEX_OUT_OF_RANGE,
        /** Consistency proof whose old size is larger than its new size. */
        SIZES_OUT_OF_ORDER,
        /** Consistency proof from the empty tree: it proves nothing, so it is refused. */
        EMPTY_OLD_TREE,
        /** Proof with more or fewer hashes than the sizes require. */
        WRONG_PROOF_LENGTH,
        /** The root recomputed from the proof differs from the expected (new) root. */
        ROOT_MISMATCH,
        /** The old root recomputed from a consistency proof differs from the expected old root. */
        OLD_ROOT_MISMATCH,
        /** A signature by a known key does not verify. */
        INVALID_SIGNATURE,
        /** No signature by any known key. */
        NO_TRUSTED_SIGNATURE,
        /** A checkpoint signed by the right key but for another log origin. */
        ORIGIN_MISMATCH
    }

    private final Failure failure;

    public VerificationException(Failure failure, String message) {
        super(message);
        this.failure = Objects.requireNonNull(failure);
    }

    public Failure failure() {
        return failure;
    }
}
