package org.comity.transparency.domain.witness;

import java.util.Map;
import java.util.Optional;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.note.NoteVerifier;

/**
 * What a witness answers to an {@code add-checkpoint} request, by the rules of C2SP tlog-witness, in
 * the order the spec gives them. Only {@link Cosign} may be cosigned, and only after the witness has
 * recorded it with a compare-and-set on the size it was judged against.
 */
public sealed interface Verdict {

    /** The tree the witness last cosigned for a log: its size and root. */
    record Known(long size, Hash root) {}

    /** 200: cosign, after recording {@code checkpoint} in place of {@code replaces}. */
    record Cosign(Checkpoint checkpoint, Optional<Known> replaces) implements Verdict {}

    /** 404: this witness does not follow the origin. */
    record UnknownOrigin(String origin) implements Verdict {}

    /** 403: no signature by the log's key verifies. */
    record Forbidden(String reason) implements Verdict {}

    /** 400: the request is malformed, or its old size exceeds the checkpoint's. */
    record BadRequest(String reason) implements Verdict {}

    /** 409: the old size is not the size last cosigned, or the same size has another root. */
    record Conflict(long knownSize, String reason) implements Verdict {}

    /** 422: the consistency proof does not verify. */
    record Inconsistent(String reason) implements Verdict {}

    /**
     * Judges a request against the logs followed (origin to key) and what the witness knows of the
     * checkpoint's log ({@code knownOf}, looked up once the origin is known).
     */
    static Verdict judge(
            AddCheckpoint request,
            Map<String, NoteVerifier> followed,
            java.util.function.Function<String, Optional<Known>> knownOf) {
        Checkpoint unverified;
        try {
            unverified = Checkpoint.parse(request.checkpoint().text());
        } catch (FormatException e) {
            return new BadRequest("the note is not a checkpoint: " + e.getMessage());
        }
        NoteVerifier key = followed.get(unverified.origin());
        if (key == null) {
            return new UnknownOrigin(unverified.origin());
        }
        Checkpoint checkpoint;
        try {
            checkpoint = new TrustedLog(unverified.origin(), key).verify(request.checkpoint());
        } catch (VerificationException e) {
            return new Forbidden(e.getMessage());
        }
        long old = request.oldSize();
        if (old > checkpoint.size()) {
            return new BadRequest("old size " + old + " is larger than the checkpoint's " + checkpoint.size());
        }
        Optional<Known> known = knownOf.apply(checkpoint.origin());
        long knownSize = known.map(Known::size).orElse(0L);
        if (old != knownSize) {
            return new Conflict(knownSize, "the witness last cosigned size " + knownSize + ", not " + old);
        }
        if (old == 0) {
            if (!request.proof().isEmpty()) {
                return new BadRequest("the consistency proof must be empty from size 0");
            }
            return new Cosign(checkpoint, known);
        }
        Hash knownRoot = known.orElseThrow().root();
        if (old == checkpoint.size()) {
            if (!knownRoot.equals(checkpoint.root())) {
                return new Conflict(knownSize, "another root for the size " + old + " the witness cosigned");
            }
            if (!request.proof().isEmpty()) {
                return new Inconsistent("a proof between equal sizes is empty");
            }
            return new Cosign(checkpoint, known);
        }
        try {
            new ConsistencyProof(old, checkpoint.size(), request.proof()).verify(knownRoot, checkpoint.root());
        } catch (VerificationException | FormatException e) {
            return new Inconsistent(e.getMessage());
        }
        return new Cosign(checkpoint, known);
    }
}
