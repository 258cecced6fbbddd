package org.comity.transparency.domain;

/**
 * Input that does not follow the wire format (bad base64, wrong hash length, non-canonical numbers,
 * truncated bundles). Distinct from {@link VerificationException}: a well-formed proof can still fail.
 */
public final class FormatException extends IllegalArgumentException {

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
