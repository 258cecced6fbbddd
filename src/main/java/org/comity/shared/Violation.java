package org.comity.shared;

import org.jspecify.annotations.Nullable;

/**
 * One broken rule in some input: which field, which rule (a stable kebab-case code clients can switch
 * on), and a sentence a person can act on. Never contains the rejected value itself, which may be
 * confidential.
 */
public record Violation(
        String field, String rule, String message, @Nullable String citation) {

    /** A broken rule that cites no article. */
    public Violation(String field, String rule, String message) {
        this(field, rule, message, null);
    }

    /** The same violation, citing the article its rule rests on (text of a catalogue citation). */
    public Violation citing(String citation) {
        return new Violation(field, rule, message, citation);
    }

    public Violation {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("field must name the input that broke the rule");
        }
        if (rule == null || !rule.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("rule must be a kebab-case code");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("message must say what is wrong");
        }
    }
}
