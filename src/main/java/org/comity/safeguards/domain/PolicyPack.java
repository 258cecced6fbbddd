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
     * @param thresholds the numbers the built-in rules compare against
     */
    public record Settings(
            Set<Characteristic> extraPersecutionGrounds,
            DeathPenalty deathPenalty,
            boolean deathPenaltyForEvidence,
            Severity compelledAssistance,
            Thresholds thresholds) {

        public static final Settings DEFAULTS = new Settings(
                Set.of(), DeathPenalty.GROUND_WITHOUT_ASSURANCES, false, Severity.GROUND, Thresholds.DEFAULTS);

        public Settings {
            extraPersecutionGrounds = Set.copyOf(extraPersecutionGrounds);
            if (deathPenalty == null || compelledAssistance == null || thresholds == null) {
                throw new IllegalArgumentException(
                        "settings have a death-penalty policy, a compelled-assistance severity and thresholds");
            }
        }

        public Settings withThresholds(Thresholds other) {
            return new Settings(
                    extraPersecutionGrounds, deathPenalty, deathPenaltyForEvidence, compelledAssistance, other);
        }

        public boolean persecutionGround(Characteristic c) {
            return c.conventionGround() || extraPersecutionGrounds.contains(c);
        }
    }

    /**
     * The numbers built-in rules compare against, which a pack may set (docs/safeguards.md, "Thresholds").
     * Every assessment records them ({@link #label()}), so a replay computes with the same numbers even
     * if the pack it used is no longer loaded.
     *
     * @param longPeriodDays {@code bounded-period}: a data period longer than this is a concern
     * @param manySubjects {@code number-of-subjects}: more subjects than this in a coercive request is a
     *     concern
     * @param repeatedSubjectRequests {@code subject-targeted-repeatedly}: this many earlier requests for
     *     the same subject make a concern rather than a note
     * @param repeatedSubjectStates {@code subject-targeted-repeatedly}: a subject sought through this
     *     many States (this request's two included) makes a concern
     * @param stateRecordRefusals {@code requesting-state-record}: this many earlier refusals on
     *     persecution grounds make a concern
     * @param patternWindowDays both pattern rules count only earlier requests dated within this many
     *     days before the request date; 0 counts every earlier request
     */
    public record Thresholds(
            int longPeriodDays,
            int manySubjects,
            int repeatedSubjectRequests,
            int repeatedSubjectStates,
            int stateRecordRefusals,
            int patternWindowDays) {

        /** The values the rules used before packs could set them. */
        public static final Thresholds DEFAULTS = new Thresholds(2 * 366, 10, 2, 3, 1, 0);

        /** The keys a pack's {@code settings} uses, in the order of the components. */
        public static final List<String> KEYS = List.of(
                "long_period_days",
                "many_subjects",
                "repeated_subject_requests",
                "repeated_subject_states",
                "state_record_refusals",
                "pattern_window_days");

        public Thresholds {
            if (longPeriodDays < 1
                    || manySubjects < 1
                    || repeatedSubjectRequests < 1
                    || repeatedSubjectStates < 3
                    || stateRecordRefusals < 1
                    || patternWindowDays < 0) {
                throw new IllegalArgumentException("thresholds out of range");
            }
        }

        public static Thresholds of(Map<String, Integer> values) {
            var d = DEFAULTS;
            return new Thresholds(
                    values.getOrDefault("long_period_days", d.longPeriodDays),
                    values.getOrDefault("many_subjects", d.manySubjects),
                    values.getOrDefault("repeated_subject_requests", d.repeatedSubjectRequests),
                    values.getOrDefault("repeated_subject_states", d.repeatedSubjectStates),
                    values.getOrDefault("state_record_refusals", d.stateRecordRefusals),
                    values.getOrDefault("pattern_window_days", d.patternWindowDays));
        }

        /** The smallest value each key accepts. */
        public static int minimum(String key) {
            return switch (key) {
                case "repeated_subject_states" -> 3;
                case "pattern_window_days" -> 0;
                default -> 1;
            };
        }

        public List<Integer> values() {
            return List.of(
                    longPeriodDays,
                    manySubjects,
                    repeatedSubjectRequests,
                    repeatedSubjectStates,
                    stateRecordRefusals,
                    patternWindowDays);
        }

        /** {@code defaults}, or {@code key=value;…} for every key: what an assessment records. */
        public String label() {
            if (equals(DEFAULTS)) {
                return "defaults";
            }
            var text = new StringBuilder();
            for (int i = 0; i < KEYS.size(); i++) {
                text.append(i == 0 ? "" : ";").append(KEYS.get(i)).append('=').append(values().get(i));
            }
            return text.toString();
        }

        /** The thresholds an assessment recorded; empty if the label cannot be read. */
        public static java.util.Optional<Thresholds> ofLabel(String label) {
            if ("defaults".equals(label)) {
                return java.util.Optional.of(DEFAULTS);
            }
            try {
                var values = new java.util.HashMap<String, Integer>();
                for (String pair : label.split(";")) {
                    var kv = pair.split("=", 2);
                    if (kv.length != 2 || !KEYS.contains(kv[0])) {
                        return java.util.Optional.empty();
                    }
                    values.put(kv[0], Integer.parseInt(kv[1]));
                }
                return java.util.Optional.of(of(values));
            } catch (IllegalArgumentException e) {
                return java.util.Optional.empty();
            }
        }
    }

    public PolicyPack withThresholds(Thresholds thresholds) {
        return new PolicyPack(id, state, version, fingerprint, settings.withThresholds(thresholds), rules);
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
