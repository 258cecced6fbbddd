package org.comity.web.problems;

import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Text this node refuses at its edge because PostgreSQL cannot store it faithfully: the NUL character
 * (U+0000), which it rejects outright, and a lone UTF-16 surrogate, which the driver writes as {@code ?}
 * while the response would still echo the original. Refusing both when the value arrives lets the
 * problem name the field, instead of the database failing later without a name.
 */
public final class UnsafeText {

    /** The rule code clients see in {@code errors[].rule}. */
    public static final String RULE = "text-characters";

    private UnsafeText() {}

    /** What is wrong with the text, or empty when it can be stored as it is. */
    public static Optional<String> problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain a lone UTF-16 surrogate (an unpaired \\uD800–\\uDFFF)");
            }
        }
        return Optional.empty();
    }

    /**
     * Thrown while a JSON body is read. Jackson prepends the path of the value as the exception leaves
     * each enclosing object and array, so the problem names the field.
     */
    public static final class InJson extends MismatchedInputException {

        private static final long serialVersionUID = 1L;

        public InJson(JsonParser parser, String message) {
            super(parser, message, String.class);
        }
    }
}
