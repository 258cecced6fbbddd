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
            if (!pattern.startsWith("/") || pattern.equals("/**") || pattern.startsWith("/actuator")) {
                throw new IllegalArgumentException("not an acceptable public pattern: " + pattern);
            }
        }
    }

    public static PublicEndpoints of(String module, String... patterns) {
        return new PublicEndpoints(module, List.of(patterns));
    }
}
