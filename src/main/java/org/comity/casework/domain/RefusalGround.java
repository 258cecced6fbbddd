package org.comity.casework.domain;

import java.util.Locale;

/**
 * The categories of grounds on which assistance may be refused (domain.md §5), as published on the
 * log. Bank secrecy and fiscal matters are deliberately absent: they are never grounds for refusal.
 */
public enum RefusalGround {
    NO_LEGAL_BASIS,
    OUT_OF_SCOPE,
    PERSECUTION,
    ESSENTIAL_INTERESTS,
    POLITICAL_OFFENCE,
    NOT_IN_CONFORMITY,
    DOMESTIC_LAW_BARS,
    NO_DUAL_CRIMINALITY,
    NE_BIS_IN_IDEM,
    DEATH_PENALTY,
    DATA_PROTECTION,
    OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
