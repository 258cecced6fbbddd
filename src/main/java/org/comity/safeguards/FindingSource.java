package org.comity.safeguards;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Set;
import org.comity.treaty.Citation;
import org.jspecify.annotations.Nullable;

/**
 * Whose rule a finding applies: exactly one source per finding. A reviewer must be able to tell a
 * ground the treaty gives from one the requested State's own law adds, one international human-rights
 * law imposes on every State, and Comity's advice; wording a requested State's ground as the
 * Convention's would mislead the decider and the requesting State alike.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = FindingSource.Treaty.class, name = "treaty"),
    @JsonSubTypes.Type(value = FindingSource.RequestedStateLaw.class, name = "requested-state-law"),
    @JsonSubTypes.Type(value = FindingSource.HumanRightsLaw.class, name = "human-rights-law"),
    @JsonSubTypes.Type(value = FindingSource.AdvisoryPractice.class, name = "advisory-practice"),
    @JsonSubTypes.Type(value = FindingSource.Unattributed.class, name = "unattributed")
})
public sealed interface FindingSource {

    /** The kebab-case code of the source type, as in JSON and the message bundle. */
    String code();

    /**
     * A treaty rule: the instrument the request rests on and the citation key of the article.
     *
     * @param instrument catalogue id ({@code UNCC}, {@code ETS185}, {@code EU-2023-1543})
     * @param citation key of {@code safeguards/citations.yaml}
     */
    record Treaty(String instrument, String citation) implements FindingSource {
        public Treaty {
            require(instrument, "instrument");
            require(citation, "citation");
        }

        @Override
        public String code() {
            return "treaty";
        }
    }

    /**
     * The requested State's own law or policy, as its policy pack states it; {@code pack} and {@code
     * version} are null when the State has no pack loaded (its law then still decides, unstated here).
     */
    record RequestedStateLaw(
            String state, @Nullable String pack, @Nullable Integer version) implements FindingSource {
        public RequestedStateLaw {
            require(state, "state");
            if ((pack == null) != (version == null)) {
                throw new IllegalArgumentException("a policy pack is named with its version");
            }
        }

        @Override
        public String code() {
            return "requested-state-law";
        }
    }

    /**
     * International human-rights law binding the requested State whatever the cooperation treaty says.
     *
     * @param instrument the instrument named first ({@code ICCPR}, {@code ECHR}, {@code CAT})
     * @param citation key of {@code safeguards/citations.yaml} citing its articles
     */
    record HumanRightsLaw(String instrument, String citation) implements FindingSource {
        public HumanRightsLaw {
            require(instrument, "instrument");
            require(citation, "citation");
        }

        @Override
        public String code() {
            return "human-rights-law";
        }
    }

    /** Comity's own review practice: a threshold or indicator no law imposes. */
    record AdvisoryPractice() implements FindingSource {
        @Override
        public String code() {
            return "advisory-practice";
        }
    }

    /** A finding stored before sources were recorded whose rule does not say whose rule it was. */
    record Unattributed() implements FindingSource {
        @Override
        public String code() {
            return "unattributed";
        }
    }

    /** Rules that were Comity's advice before sources were recorded, and still are. */
    Set<String> ADVISORY_RULES = Set.of(
            "protected-role",
            "expression-related-offence",
            "bounded-period",
            "number-of-subjects",
            "measure-conditions",
            "subject-targeted-repeatedly",
            "requesting-state-record");

    /** Rules that applied a treaty article before sources were recorded, and the key they cited. */
    List<List<String>> TREATY_RULES = List.of(
            List.of("legal-basis-in-force", "legal-basis"),
            List.of("reservation-excludes-measure", "legal-basis"),
            List.of("offence-within-scope", "scope-evidence"),
            List.of("dual-criminality", "dual-criminality"),
            List.of("specific-targets", "request-contents"),
            List.of("authorised-testing", "without-right"),
            List.of("data-protection", "data-protection"),
            List.of("never-grounds", "fiscal"));

    /**
     * The source of a finding stored before sources were recorded, derived from its rule alone where
     * the rule always had one kind of source; otherwise (persecution, political offence, death penalty,
     * packs…: the source depended on the request) {@code unattributed}, shown as such.
     */
    static FindingSource ofStoredFinding(String rule, List<Citation> citations) {
        if (ADVISORY_RULES.contains(rule)) {
            return new AdvisoryPractice();
        }
        for (var treaty : TREATY_RULES) {
            if (treaty.getFirst().equals(rule) && !citations.isEmpty()) {
                return new Treaty(citations.getFirst().instrument(), treaty.getLast());
            }
        }
        return new Unattributed();
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a finding's source names its " + name);
        }
    }
}
