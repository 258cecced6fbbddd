package org.comity.casework.domain;

import java.util.List;
import java.util.Set;

/**
 * Which bars a grant on another basis may answer. A bar means the treaty does not oblige (or allow)
 * assistance; where it is only the treaty that says no — the instrument is not in force between the
 * States, a reservation excludes the measure, the offence is outside its scope — a State may still
 * assist on reciprocity, under its own law or under another instrument. Every other bar (persecution,
 * the death penalty, an offence that is expression alone, …) rests on what an instrument or the node's
 * policy forbids, and no other basis lifts it.
 */
public final class Bars {

    /** Rule ids of the safeguards findings that say only that the treaty does not oblige. */
    public static final Set<String> TREATY_ONLY =
            Set.of("legal-basis-in-force", "reservation-excludes-measure", "offence-within-scope");

    private Bars() {}

    /** Whether a grant on another basis may answer this bar. */
    public static boolean treatyOnly(String rule) {
        return TREATY_ONLY.contains(rule);
    }

    /** Those of {@code bars} no other basis can answer. */
    public static List<String> forbidding(List<String> bars) {
        return bars.stream().filter(b -> !treatyOnly(b)).toList();
    }
}
