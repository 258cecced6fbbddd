package org.comity.transparency.domain.note;

import java.util.List;

/**
 * Note text whose signature by at least one trusted key has been checked. Only {@link
 * SignedNote#verify} creates it, so holding one is the proof that the text may be used.
 */
public final class VerifiedNote {

    private final String text;
    private final List<NoteVerifier> signedBy;

    VerifiedNote(String text, List<NoteVerifier> signedBy) {
        this.text = text;
        this.signedBy = List.copyOf(signedBy);
    }

    public String text() {
        return text;
    }

    /** The trusted keys whose signatures verified (at least one). */
    public List<NoteVerifier> signedBy() {
        return signedBy;
    }

    @Override
    public String toString() {
        return "VerifiedNote[signedBy=" + signedBy + "]";
    }
}
