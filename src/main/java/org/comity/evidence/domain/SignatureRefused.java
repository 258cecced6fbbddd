package org.comity.evidence.domain;

/** A signature that does not verify, or a key that is not the one expected. */
public final class SignatureRefused extends RuntimeException {
    public SignatureRefused(String message) {
        super(message);
    }
}
