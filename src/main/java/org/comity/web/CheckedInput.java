package org.comity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.web.problems.UnsafeText;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * The checks every input gets before any controller sees it, so that no endpoint can forget them: JSON
 * numbers keep their type (Jackson would otherwise read {@code 1.5} as {@code 1} for an integer field),
 * and no text — a JSON string or key, a query or form parameter — holds characters the database cannot
 * store (see {@link UnsafeText}).
 */
final class CheckedInput {

    private CheckedInput() {}

    static JsonMapperBuilderCustomizer json() {
        return builder -> builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .addModule(new SimpleModule("comity-checked-text")
                        .addDeserializer(String.class, new CheckedString())
                        .addKeyDeserializer(String.class, new CheckedKey()));
    }

    static HandlerInterceptor parameters() {
        return new CheckedParameters();
    }

    /**
     * Jackson's own string reading, then the text check. Jackson uses a registered String deserializer
     * for collection elements, arrays and untyped values too, so every string in a body passes here.
     */
    private static final class CheckedString extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            var value = super.deserialize(p, ctxt);
            if (value != null) {
                UnsafeText.problem(value).ifPresent(problem -> {
                    throw new UnsafeText.InJson(p, problem);
                });
            }
            return value;
        }
    }

    private static final class CheckedKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            UnsafeText.problem(key).ifPresent(problem -> {
                throw new UnsafeText.InJson(ctxt.getParser(), "a key " + problem);
            });
            return key;
        }
    }

    /** Query and form parameters, names and values; every broken one is listed. */
    private static final class CheckedParameters implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            var violations = new ArrayList<Violation>();
            request.getParameterMap().forEach((name, values) -> {
                var field = printable(name);
                UnsafeText.problem(name)
                        .ifPresent(p -> violations.add(new Violation(field, UnsafeText.RULE, "the name " + p)));
                for (String value : values) {
                    UnsafeText.problem(value).ifPresent(p -> violations.add(new Violation(field, UnsafeText.RULE, p)));
                }
            });
            if (!violations.isEmpty()) {
                throw new InvalidInput(violations);
            }
            return true;
        }

        /** A parameter name as the problem can show it: the offending characters replaced. */
        private static String printable(String name) {
            var out = new StringBuilder();
            name.codePoints()
                    .forEach(cp -> out.appendCodePoint(cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp));
            return out.toString().isBlank() ? "(unnamed parameter)" : out.toString();
        }
    }
}
