package org.comity.shared;

/**
 * The request is valid but clashes with what is stored: a name already taken, a version someone else
 * changed first. Nothing was written.
 */
public final class Conflict extends RuntimeException {

    private final String rule;

    public Conflict(String rule, String message) {
        super(message);
        if (rule == null || !rule.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("rule must be a kebab-case code");
        }
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
