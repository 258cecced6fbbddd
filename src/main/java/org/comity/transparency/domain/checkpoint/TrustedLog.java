package org.comity.transparency.domain.checkpoint;

import static org.comity.transparency.domain.VerificationException.Failure.ORIGIN_MISMATCH;

import java.util.Objects;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.note.SignedNote;

/**
 * What a relying party trusts about one log: its origin line and its checkpoint key. Witness
 * cosignatures (tlog-cosignature) are not checked here; they are ignored as unknown signatures.
 */
public record TrustedLog(String origin, NoteVerifier key) {

    public TrustedLog {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(key, "key");
    }

    /** A log whose origin is its key name, as tlog-checkpoint recommends. */
    public static TrustedLog of(NoteVerifier key) {
        return new TrustedLog(key.name(), key);
    }

    /**
     * @return the checkpoint, signed by this log's key and carrying its origin
     * @throws VerificationException if the signature or the origin is wrong
     */
    public Checkpoint verify(SignedNote note) {
        Checkpoint checkpoint = Checkpoint.parse(note.verify(key).text());
        if (!checkpoint.origin().equals(origin)) {
            throw new VerificationException(
                    ORIGIN_MISMATCH, "checkpoint origin '" + checkpoint.origin() + "' is not '" + origin + "'");
        }
        return checkpoint;
    }
}
