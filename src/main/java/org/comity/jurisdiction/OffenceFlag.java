package org.comity.jurisdiction;

/** Properties of an offence that the safeguards engine acts on. */
public enum OffenceFlag {
    /** Used against speech, belief, assembly or association (the Convention's Art 6(2) concern). */
    EXPRESSION_RELATED,
    /** A political offence, a classic ground for refusing assistance. */
    POLITICAL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
