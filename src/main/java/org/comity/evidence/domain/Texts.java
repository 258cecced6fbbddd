package org.comity.evidence.domain;

import org.comity.shared.InvalidInput;
import org.jspecify.annotations.Nullable;

/** The rules for the short texts an item carries (names, references), checked where they enter. */
final class Texts {

    static final int MAX = 200;

    private Texts() {}

    /** A single line of printable text of at most 200 characters, stripped. */
    static String label(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw InvalidInput.of(field, "required", "give a value");
        }
        var stripped = value.strip();
        if (stripped.length() > MAX) {
            throw InvalidInput.of(field, "max-length", "at most " + MAX + " characters");
        }
        if (stripped.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            throw InvalidInput.of(field, "text-characters", "one line of printable characters");
        }
        return stripped;
    }
}
