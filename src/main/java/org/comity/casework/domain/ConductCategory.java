package org.comity.casework.domain;

import java.util.Locale;

/**
 * The convention's conduct categories (domain.md §3) onto which a domestic offence maps, plus any
 * other serious crime and the expression-related offences safeguards must be able to see.
 */
public enum ConductCategory {
    ILLEGAL_ACCESS,
    ILLEGAL_INTERCEPTION,
    DATA_INTERFERENCE,
    SYSTEM_INTERFERENCE,
    MISUSE_OF_DEVICES,
    FORGERY,
    THEFT_OR_FRAUD,
    CHILD_SEXUAL_ABUSE_MATERIAL,
    GROOMING,
    NON_CONSENSUAL_INTIMATE_IMAGES,
    LAUNDERING,
    OTHER_SERIOUS_CRIME,
    EXPRESSION_RELATED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
