package org.comity.transparency;

import java.util.Locale;

/** The decision on a request, for {@link EventType#REQUEST_DECIDED} entries. */
public enum Outcome {
    GRANTED,
    GRANTED_IN_PART,
    REFUSED,
    POSTPONED;

    // Computed once: every entry, posting and page asks for it (issue 18: it was two new strings a call).
    private final String code = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String code() {
        return code;
    }

    public static Outcome fromCode(String code) {
        for (Outcome outcome : values()) {
            if (outcome.code().equals(code)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + code + "'");
    }
}
