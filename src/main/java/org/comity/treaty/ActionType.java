package org.comity.treaty;

import java.util.Locale;
import java.util.Optional;

/** What a State or organisation did with respect to an instrument, as the depositary records it. */
public enum ActionType {
    SIGNATURE,
    RATIFICATION,
    ACCEPTANCE,
    APPROVAL,
    ACCESSION,
    DENUNCIATION;

    /** The lower-case name used in data files ({@code ratification}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ActionType> fromCode(String code) {
        for (ActionType type : values()) {
            if (type.code().equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** An instrument expressing consent to be bound; signature alone never binds. */
    public boolean expressesConsent() {
        return this == RATIFICATION || this == ACCEPTANCE || this == APPROVAL || this == ACCESSION;
    }
}
