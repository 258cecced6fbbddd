package org.comity.web;

import java.util.List;

/**
 * {@code POST} paths a module opens to anyone because the request authorises itself: its body carries
 * a signature the handler verifies against configured keys before it changes anything (a log's
 * checkpoint sent to this node's witness). Every other POST needs a signed-in caller. Only literal
 * paths under {@code /api/}, so no pattern can open more than it names.
 *
 * @param module who declares them, for the start-up log
 * @param paths literal paths, each starting with {@code /api/}
 */
public record SignedSubmissions(String module, List<String> paths) {

    public SignedSubmissions {
        paths = List.copyOf(paths);
        if (module == null || module.isBlank()) {
            throw new IllegalArgumentException("name the module that declares signed submissions");
        }
        for (String path : paths) {
            if (!path.matches("/api(/[a-z][a-z0-9-]*){2,}")) {
                throw new IllegalArgumentException("not a literal /api/ path: " + path);
            }
        }
    }

    public static SignedSubmissions of(String module, String... paths) {
        return new SignedSubmissions(module, List.of(paths));
    }
}
