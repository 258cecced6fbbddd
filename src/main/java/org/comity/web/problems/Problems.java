package org.comity.web.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem with a stable type.
 * Browsers get the same problem rendered as an HTML page (see {@link ProblemHtmlConverter}). Details
 * never contain stack traces, SQL, class names or the rejected values.
 */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    /** A problem of the given type with a detail meant for people. */
    public static ProblemDetail problem(ProblemType type, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(type.uri());
        problem.setTitle(type.title());
        return problem;
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<ProblemDetail> invalidInput(InvalidInput e) {
        var problem = problem(
                ProblemType.INVALID_INPUT,
                e.violations().size() == 1
                        ? e.violations().getFirst().field() + ": "
                                + e.violations().getFirst().message()
                        : e.violations().size() + " fields break rules; see errors");
        problem.setProperty(
                "errors", e.violations().stream().map(Problems::error).toList());
        return respond(problem);
    }

    private static Map<String, String> error(org.comity.shared.Violation v) {
        var error = new java.util.LinkedHashMap<String, String>();
        error.put("field", v.field());
        error.put("rule", v.rule());
        error.put("message", v.message());
        if (v.citation() != null) {
            error.put("citation", v.citation());
        }
        return error;
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<ProblemDetail> notFound(NotFound e) {
        return respond(problem(ProblemType.NOT_FOUND, e.getMessage()));
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<ProblemDetail> conflict(Conflict e) {
        var problem = problem(ProblemType.CONFLICT, e.getMessage());
        problem.setProperty("rule", e.rule());
        return respond(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        var problem = problem(ProblemType.INVALID_PARAMETER, "'" + e.getName() + "' has the wrong format");
        problem.setProperty(
                "errors", List.of(Map.of("field", e.getName(), "rule", "format", "message", "wrong format")));
        return respond(problem);
    }

    /**
     * Method security throws inside MVC; answer like the filter chain would. Anonymous callers are told
     * to authenticate, signed-in ones that their roles do not allow it.
     */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return unauthenticated();
        }
        return respond(problem(ProblemType.FORBIDDEN, "your roles do not allow this action"));
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> authentication(AuthenticationException e) {
        if (e instanceof org.comity.accounts.SignInThrottled throttled) {
            // Said plainly, with the wait: the caller is not left to guess that a right password
            // would be refused too.
            var problem = problem(
                    ProblemType.TOO_MANY_REQUESTS,
                    "too many failed sign-in attempts; try again in " + throttled.retryAfterSeconds() + " s");
            problem.setProperty("retryAfterSeconds", throttled.retryAfterSeconds());
            return ResponseEntity.status(problem.getStatus())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()))
                    .body(problem);
        }
        return unauthenticated();
    }

    private ResponseEntity<ProblemDetail> unauthenticated() {
        var problem = problem(ProblemType.UNAUTHENTICATED, "sign in, or send HTTP Basic credentials or a bearer token");
        return ResponseEntity.status(problem.getStatus())
                // Bearer only: a Basic challenge would make browsers prompt for and then replay the
                // password on cross-site requests (the API chain has no CSRF token). Scripts may still
                // send Basic credentials pre-emptively.
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"comity\"")
                .body(problem);
    }

    /**
     * A value the database refused (a CHECK, a unique key): the input broke a stored rule. Only the
     * constraint's name is logged and returned, never the SQL or the row, which may hold personal data.
     */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> constraint(org.springframework.dao.DataIntegrityViolationException e) {
        var constraint = constraintName(e);
        log.warn("a database constraint refused a write: {}", constraint);
        var problem = problem(ProblemType.INVALID_INPUT, "a value breaks a stored rule (" + constraint + ")");
        problem.setProperty(
                "errors",
                List.of(Map.of(
                        "field", "body", "rule", "constraint-" + constraint, "message", "refused by " + constraint)));
        return respond(problem);
    }

    private static String constraintName(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.postgresql.util.PSQLException psql
                    && psql.getServerErrorMessage() != null
                    && psql.getServerErrorMessage().getConstraint() != null) {
                return psql.getServerErrorMessage().getConstraint().replaceAll("[^a-z0-9_]", "");
            }
        }
        return "unnamed";
    }

    /** Anything unexpected: logged with an incident id that the caller can quote; no internals leak. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse response) {
            return respond(
                    problem(ProblemType.forStatus(response.getStatusCode().value()), safeDetail(response)));
        }
        var incident = UUID.randomUUID().toString();
        log.error("incident {} on {} {}", incident, request.getMethod(), request.getRequestURI(), e);
        var problem = problem(ProblemType.INTERNAL_ERROR, "an internal error occurred; quote incident " + incident);
        problem.setProperty("incident", incident);
        return respond(problem);
    }

    /** Spring MVC's own exceptions (405, 415, 406, 404, 400 …) get our types and safe details. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (ex instanceof HttpMessageNotReadableException unreadable) {
            var where = JsonLocation.of(unreadable);
            var problem = problem(
                    where.type(),
                    where.type() == ProblemType.MALFORMED_BODY
                            ? "the body is not well-formed JSON of the expected shape"
                            : where.errors().size() == 1
                                    ? where.errors().getFirst().get("field") + ": "
                                            + where.errors().getFirst().get("message")
                                    : where.errors().size() + " fields break rules; see errors");
            problem.setProperty("errors", where.errors());
            return ResponseEntity.status(where.type().status()).headers(headers).body(problem);
        }
        var type = typeOf(ex, status);
        var problem = problem(type, detailOf(ex, type));
        if (ex instanceof ErrorResponse response
                && response.getBody().getProperties() != null
                && response.getBody().getProperties().get("rule") instanceof String rule) {
            // A bound or precondition of our own names its rule, as a conflict does.
            problem.setProperty("rule", rule);
            if (response.getBody().getProperties().get("maxBytes") instanceof Long max) {
                problem.setProperty("maxBytes", max);
            }
        }
        if (ex instanceof MissingServletRequestParameterException missing) {
            problem.setProperty(
                    "errors",
                    List.of(Map.of(
                            "field",
                            missing.getParameterName(),
                            "rule",
                            "required",
                            "message",
                            "this parameter is required")));
        }
        if (ex instanceof MethodArgumentNotValidException invalid) {
            var errors = new ArrayList<Map<String, String>>();
            invalid.getFieldErrors()
                    .forEach(f -> errors.add(Map.of(
                            "field", f.getField(),
                            "rule",
                                    f.getCode() == null
                                            ? "invalid"
                                            : f.getCode().toLowerCase(java.util.Locale.ROOT),
                            "message", f.getDefaultMessage() == null ? "invalid" : f.getDefaultMessage())));
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(type.status()).headers(headers).body(problem);
    }

    private static ProblemType typeOf(Exception ex, HttpStatusCode status) {
        return switch (ex) {
            case HttpMessageNotReadableException e -> ProblemType.MALFORMED_BODY;
            case HttpRequestMethodNotSupportedException e -> ProblemType.METHOD_NOT_ALLOWED;
            case HttpMediaTypeNotSupportedException e -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case HttpMediaTypeNotAcceptableException e -> ProblemType.NOT_ACCEPTABLE;
            case NoResourceFoundException e -> ProblemType.NOT_FOUND;
            case MaxUploadSizeExceededException e -> ProblemType.PAYLOAD_TOO_LARGE;
            case MethodArgumentNotValidException e -> ProblemType.INVALID_INPUT;
            default -> ProblemType.forStatus(status.value());
        };
    }

    private static String detailOf(Exception ex, ProblemType type) {
        return switch (ex) {
            case HttpMessageNotReadableException e -> "the body is not well-formed JSON of the expected shape";
            case HttpRequestMethodNotSupportedException e ->
                "method " + e.getMethod() + " is not supported here; allowed: "
                        + String.join(", ", e.getSupportedMethods() == null ? new String[0] : e.getSupportedMethods());
            case HttpMediaTypeNotSupportedException e ->
                "content type " + (e.getContentType() == null ? "(none)" : e.getContentType())
                        + " is not supported; use one of " + e.getSupportedMediaTypes();
            case NoResourceFoundException e -> "nothing at this path";
            case ErrorResponse e -> safeDetail(e);
            default -> type.title();
        };
    }

    /** Spring's own details are written for clients and carry no internals; others fall back to the title. */
    private static String safeDetail(ErrorResponse response) {
        var detail = response.getBody().getDetail();
        return detail == null
                ? ProblemType.forStatus(response.getStatusCode().value()).title()
                : detail;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
