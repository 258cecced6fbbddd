package org.comity.web;

import java.util.List;

/**
 * Read-only paths a module serves to anyone, without signing in (the public log, statistics). A module
 * declares them as a bean; the security chains permit {@code GET} and {@code HEAD} on exactly these
 * patterns and nothing else, so a public endpoint can never accept a change.
 *
 * @param module who declares them, for the start-up log
 * @param patterns Spring path patterns, each starting with {@code /}
 */
public record PublicEndpoints(String module, List<String> patterns) {

    public PublicEndpoints {
        patterns = List.copyOf(patterns);
        if (module == null || module.isBlank()) {
            throw new IllegalArgumentException("name the module that declares public endpoints");
        }
        for (String pattern : patterns) {
            if (!acceptable(pattern)) {
                throw new IllegalArgumentException("not an acceptable public pattern: " + pattern);
            }
        }
    }

    /**
     * A public pattern must name what it opens: its first segment (and, under {@code /api}, its second)
     * is a literal word, so no module can open every GET of the node by accident ({@code /**},
     * {@code /api/**}, {@code /*}{@code /**}).
     */
    static boolean acceptable(String pattern) {
        if (pattern == null || !pattern.startsWith("/") || pattern.startsWith("/actuator")) {
            return false;
        }
        var segments = pattern.substring(1).split("/");
        if (segments.length == 0 || !literal(segments[0])) {
            return false;
        }
        return !segments[0].equals("api") || (segments.length > 1 && literal(segments[1]));
    }

    private static boolean literal(String segment) {
        return segment.matches("[a-z][a-z0-9-]*");
    }

    public static PublicEndpoints of(String module, String... patterns) {
        return new PublicEndpoints(module, List.of(patterns));
    }
}
