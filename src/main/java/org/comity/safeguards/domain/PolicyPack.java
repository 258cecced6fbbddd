package org.comity.safeguards.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.comity.safeguards.Characteristic;
import org.comity.safeguards.Severity;
import org.comity.shared.CountryCode;

/**
 * A requested State's policy pack, as loaded and checked: settings the built-in rules read, and extra
 * rules whose conditions were compiled at load time. A pack that failed to load never gets here.
 *
 * @param version increases with every change; the assessment records it
 * @param fingerprint hash of the file, so a replay can tell a changed file with the same version
 */
public record PolicyPack(
        String id, CountryCode state, int version, String fingerprint, Settings settings, List<PackRule> rules) {

    public PolicyPack {
        rules = List.copyOf(rules);
    }

    /** The pack of a State that has none: Convention defaults, no extra rules. */
    public static PolicyPack none(CountryCode state) {
        return new PolicyPack("none", state, 0, "none", Settings.DEFAULTS, List.of());
    }

    public String label() {
        return version == 0 ? "none" : id + "@" + version + "(" + fingerprint + ")";
    }

    /** How the built-in death-penalty rule weighs a possible death penalty. */
    public enum DeathPenalty {
        /** A refusal ground unless the requesting State gives assurances. */
        GROUND_WITHOUT_ASSURANCES,
        /** A bar unless the requesting State gives assurances. */
        BAR_WITHOUT_ASSURANCES,
        /** A bar whatever assurances are given. */
        ABSOLUTE_BAR
    }

    /**
     * @param extraPersecutionGrounds characteristics this State treats as persecution grounds besides
     *     the Convention's
     * @param deathPenaltyForEvidence apply the death-penalty rule to evidence requests, not only to
     *     extradition
     * @param compelledAssistance severity of orders to disclose credentials or keys or weaken security
     */
    public record Settings(
            Set<Characteristic> extraPersecutionGrounds,
            DeathPenalty deathPenalty,
            boolean deathPenaltyForEvidence,
            Severity compelledAssistance) {

        public static final Settings DEFAULTS =
                new Settings(Set.of(), DeathPenalty.GROUND_WITHOUT_ASSURANCES, false, Severity.GROUND);

        public Settings {
            extraPersecutionGrounds = Set.copyOf(extraPersecutionGrounds);
            if (deathPenalty == null || compelledAssistance == null) {
                throw new IllegalArgumentException(
                        "settings have a death-penalty policy and a compelled-assistance severity");
            }
        }

        public boolean persecutionGround(Characteristic c) {
            return c.conventionGround() || extraPersecutionGrounds.contains(c);
        }
    }

    /**
     * One extra rule of a pack.
     *
     * @param line where the rule starts in the pack file
     * @param citationKeys keys in {@code safeguards/citations.yaml}, checked at load
     */
    public record PackRule(
            String id,
            Severity severity,
            List<String> citationKeys,
            String explanation,
            List<String> fields,
            String resolution,
            Condition condition,
            int line) {
        public PackRule {
            citationKeys = List.copyOf(citationKeys);
            fields = List.copyOf(fields);
        }
    }

    /** A compiled condition over the request's facts (see {@link PolicyFacts}). */
    @FunctionalInterface
    public interface Condition {
        boolean holds(Map<String, Object> facts);
    }
}
