package org.comity.safeguards.domain;

import org.comity.safeguards.FindingSource;
import org.jspecify.annotations.Nullable;

/**
 * A kind of source a rule may attribute its findings to, with the citation key that carries it: what
 * the node checks at start (every key in the citations file; a human-rights key citing human-rights
 * instruments only, a treaty key citing none) and what a finding is checked against when it is made.
 *
 * @param type the source's {@link FindingSource#code()}
 * @param citation the key for treaty and human-rights sources; null otherwise
 */
public record Attribution(String type, @Nullable String citation) {

    public static Attribution treaty(String key) {
        return new Attribution("treaty", key);
    }

    public static Attribution humanRights(String key) {
        return new Attribution("human-rights-law", key);
    }

    public static final Attribution REQUESTED_STATE_LAW = new Attribution("requested-state-law", null);

    public static final Attribution ADVISORY_PRACTICE = new Attribution("advisory-practice", null);

    static Attribution of(FindingSource source) {
        return switch (source) {
            case FindingSource.Treaty t -> treaty(t.citation());
            case FindingSource.HumanRightsLaw h -> humanRights(h.citation());
            default -> new Attribution(source.code(), null);
        };
    }
}
