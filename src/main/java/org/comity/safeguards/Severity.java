package org.comity.safeguards;

import java.util.Locale;

/**
 * How much a finding weighs, most severe first (the declaration order is the display order).
 *
 * <ul>
 *   <li>{@code BAR}: the request cannot be granted, or sent, as it stands;
 *   <li>{@code GROUND}: a refusal ground the decider must weigh; deciding against it needs a written
 *       justification and a second approver;
 *   <li>{@code CONCERN}: a senior reviewer must look at it;
 *   <li>{@code NOTE}: information for whoever handles the request.
 * </ul>
 */
public enum Severity {
    BAR,
    GROUND,
    CONCERN,
    NOTE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity ofCode(String code) {
        for (Severity s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("severity must be bar, ground, concern or note, not '" + code + "'");
    }
}
