package org.comity.jurisdiction;

/** Properties of an offence that the safeguards engine acts on. */
public enum OffenceFlag {
    /** Used against speech, opinion, conscience, religion or belief (the Convention's Art 6(2) concern). */
    EXPRESSION_RELATED,
    /** A political offence, a classic ground for refusing assistance. */
    POLITICAL,
    /**
     * Used against peaceful assembly or association (unauthorised protest, membership of a banned
     * organisation): Art 6(2) names both beside expression.
     */
    ASSEMBLY,
    /**
     * A "morality" offence: conduct between consenting adults or of private life punished as an
     * offence against public morals (consensual same-sex relations, extramarital relations, "indecent"
     * dress or behaviour). Human-rights law protects private life and equality here; policy packs read
     * the flag.
     */
    MORALITY;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The flags in words, as the profile format and the reader's messages list them. */
    public static String codes() {
        return java.util.Arrays.stream(values())
                .map(OffenceFlag::code)
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
