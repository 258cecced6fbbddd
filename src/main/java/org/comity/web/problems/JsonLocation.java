package org.comity.web.problems;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Why a JSON body could not be read, as field paths ({@code subjects[0].role}, {@code body} for the
 * whole body) with a rule each, without Jackson's internal wording. Every unreadable body gets at least
 * one entry: a client always learns which field to fix.
 *
 * @param type malformed body (400) when the JSON or a value's type is wrong; invalid input (422) when a
 *     well-typed value breaks a rule (a value type's own check, characters the node cannot store)
 */
record JsonLocation(ProblemType type, List<Map<String, String>> errors) {

    private static final Set<Class<?>> INTEGRAL = Set.of(
            int.class,
            long.class,
            short.class,
            byte.class,
            Integer.class,
            Long.class,
            Short.class,
            Byte.class,
            BigInteger.class);

    static JsonLocation of(HttpMessageNotReadableException e) {
        if (!(e.getCause() instanceof JacksonException jackson)) {
            // Spring's own refusal: no body, or the JSON literal null, where one is required.
            return e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")
                    ? malformed("body", "body-required", "send a JSON body; it is empty or null")
                    : malformed("body", "body-unreadable", "the body could not be read");
        }
        var path = path(jackson);
        var field = path.isEmpty() ? "body" : path;
        if (jackson instanceof UnsafeText.InJson text) {
            return new JsonLocation(
                    ProblemType.INVALID_INPUT, List.of(error(field, UnsafeText.RULE, text.getOriginalMessage())));
        }
        if (jackson instanceof ValueInstantiationException instantiation) {
            if (instantiation.getCause() instanceof InvalidInput rules) {
                // A value's own check (a record's compact constructor) names fields relative to that value.
                return new JsonLocation(
                        ProblemType.INVALID_INPUT,
                        rules.violations().stream().map(v -> violation(path, v)).toList());
            }
            return malformed(field, "invalid-value", "not a valid value for this field");
        }
        if (jackson instanceof InputCoercionException) {
            return malformed(field, "number-range", "the number is too large or too small for this field");
        }
        if (jackson instanceof InvalidFormatException format
                && INTEGRAL.contains(format.getTargetType())
                && fractional(format)) {
            return malformed(field, "integer", "must be a whole number, without a fraction or exponent");
        }
        if (jackson instanceof StreamConstraintsException) {
            return malformed(
                    field, "json-limits", "exceeds a limit on JSON input (nesting depth, number or text length)");
        }
        if (jackson instanceof DatabindException) {
            return malformed(field, "json-type", "value has the wrong type or is not one of the allowed values");
        }
        var location = jackson.getLocation();
        return location == null || location.getLineNr() < 0
                ? malformed(field, "json-syntax", "not well-formed JSON")
                : malformed(
                        field,
                        "json-syntax",
                        "not well-formed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr());
    }

    private static Map<String, String> violation(String path, Violation v) {
        var error = error(path.isEmpty() ? v.field() : path + "." + v.field(), v.rule(), v.message());
        if (v.citation() != null) {
            error.put("citation", v.citation());
        }
        return error;
    }

    private static boolean fractional(InvalidFormatException e) {
        return e.getValue() instanceof Double || e.getValue() instanceof Float || e.getValue() instanceof BigDecimal;
    }

    /**
     * {@code a.b[0].c}, as the rest of the node names fields; empty for the body itself. Databinding
     * records the path; the parser's own refusals (syntax, limits such as nesting depth) carry none, so
     * the path is read from where the parser stood, at most {@value #MAX_SEGMENTS} levels deep.
     */
    private static String path(JacksonException e) {
        var path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            append(path, reference.getPropertyName(), reference.getIndex());
        }
        if (path.isEmpty() && e.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
            var segments = new ArrayDeque<TokenStreamContext>();
            for (var context = parser.streamReadContext(); context != null; context = context.getParent()) {
                segments.push(context);
            }
            int appended = 0;
            for (var context : segments) {
                if (appended == MAX_SEGMENTS) {
                    path.append("…");
                    break;
                }
                if (context.inObject() && context.hasCurrentName()) {
                    append(path, context.currentName(), -1);
                    appended++;
                } else if (context.inArray() && context.hasCurrentIndex()) {
                    append(path, null, context.getCurrentIndex());
                    appended++;
                }
            }
        }
        return path.toString();
    }

    private static final int MAX_SEGMENTS = 8;

    private static void append(StringBuilder path, String name, int index) {
        if (name != null) {
            path.append(path.isEmpty() ? "" : ".").append(name);
        } else if (index >= 0) {
            path.append('[').append(index).append(']');
        }
    }

    private static JsonLocation malformed(String field, String rule, String message) {
        return new JsonLocation(ProblemType.MALFORMED_BODY, List.of(error(field, rule, message)));
    }

    private static Map<String, String> error(String field, String rule, String message) {
        var error = new LinkedHashMap<String, String>();
        error.put("field", field);
        error.put("rule", rule);
        error.put("message", message);
        return error;
    }
}
