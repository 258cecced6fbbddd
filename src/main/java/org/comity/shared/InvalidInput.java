package org.comity.shared;

import java.util.List;

/**
 * Input that breaks one or more rules, all listed at once so the user can fix everything in one go.
 * Thrown before anything is stored; the HTTP edge turns it into a 422 problem with every violation.
 */
public final class InvalidInput extends RuntimeException {

    private final List<Violation> violations;

    public InvalidInput(List<Violation> violations) {
        super(summary(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid input has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidInput of(String field, String rule, String message) {
        return new InvalidInput(List.of(new Violation(field, rule, message)));
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String summary(List<Violation> violations) {
        return violations.size() + " rule(s) broken: "
                + String.join(
                        ", ",
                        violations.stream()
                                .map(v -> v.field() + " (" + v.rule() + ")")
                                .toList());
    }
}
