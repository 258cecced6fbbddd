package org.comity.web.problems;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The stable problem types this node answers with. Clients switch on {@link #uri()}; each has a page at
 * that path explaining it. Adding a case is fine; renaming one breaks clients.
 */
public enum ProblemType {
    MALFORMED_BODY(HttpStatus.BAD_REQUEST, "The request body could not be read"),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "A request parameter is missing or invalid"),
    INVALID_INPUT(HttpStatus.UNPROCESSABLE_CONTENT, "The request breaks one or more rules"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Not allowed for your roles"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
    CONFLICT(HttpStatus.CONFLICT, "Conflicts with the current state"),
    PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "A precondition the request states does not hold"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The request is too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
    TOO_MANY_REQUESTS(HttpStatus.TOO_MANY_REQUESTS, "Too many failed attempts; wait as Retry-After says");

    private final HttpStatus status;
    private final String title;

    ProblemType(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Kebab-case code, as in {@code /problems/method-not-allowed}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public URI uri() {
        return URI.create("/problems/" + code());
    }

    /** The type for a status no specific case covers. */
    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status.value() == status) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL_ERROR : INVALID_PARAMETER;
    }

    public static java.util.Optional<ProblemType> fromCode(String code) {
        for (ProblemType type : values()) {
            if (type.code().equals(code)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
