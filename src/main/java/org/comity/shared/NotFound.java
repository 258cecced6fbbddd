package org.comity.shared;

/** The thing asked for does not exist, or the caller may not know that it does. */
public final class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
