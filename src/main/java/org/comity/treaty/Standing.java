package org.comity.treaty;

import java.util.Locale;
import java.util.Optional;

/**
 * How far a treaty action is established. {@code CONFIRMED}: read in the depositary's record (or an
 * official chart or national mirror of it). {@code REPORTED}: stated by another source (press, a
 * government's announcement of a domestic ratification law) but not found in the depositary's record,
 * so nothing may rest on it as a legal fact: a reported instrument never counts towards entry into force
 * and never makes a State bound; answers mention it and say it is unconfirmed.
 */
public enum Standing {
    CONFIRMED,
    REPORTED;

    /** The lower-case name used in data files ({@code reported}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Standing> fromCode(String code) {
        for (Standing standing : values()) {
            if (standing.code().equals(code)) {
                return Optional.of(standing);
            }
        }
        return Optional.empty();
    }
}
