package org.comity.treaty.domain;

import java.util.Locale;
import java.util.Optional;

/** What sort of instrument, which decides how the engine finds who is bound by it. */
public enum InstrumentKind {
    /** Open to all States; parties by consent, in force by a threshold rule (the UNCC). */
    GLOBAL,
    /** Regional treaty open to others (the Budapest Convention). */
    REGIONAL,
    /** A protocol to another treaty, with its own parties and threshold (CETS 224). */
    PROTOCOL,
    /** Law of a regional organisation binding a group of its members (EU Regulation 2023/1543). */
    REGIONAL_LAW,
    /** A treaty between exactly two States. */
    BILATERAL,
    /** A placeholder describing what a bilateral record holds; never a legal basis. */
    BILATERAL_TEMPLATE;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<InstrumentKind> fromCode(String code) {
        for (InstrumentKind kind : values()) {
            if (kind.code().equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Parties join by depositing an instrument of consent and the threshold rule applies. */
    public boolean joinedByConsent() {
        return this == GLOBAL || this == REGIONAL || this == PROTOCOL;
    }
}
