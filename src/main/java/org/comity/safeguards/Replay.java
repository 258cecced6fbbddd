package org.comity.safeguards;

import java.util.List;

/**
 * A stored assessment computed again. With the same input versions the findings must be the same;
 * where a version changed (a corrected profile, a new pack, a treaty action recorded since), the
 * replay says which, and the findings may differ for that reason.
 *
 * @param changedInputs names of the {@link InputsUsed} components that differ
 */
public record Replay(StoredAssessment original, Assessment replayed, boolean sameFindings, List<String> changedInputs) {

    public Replay {
        changedInputs = List.copyOf(changedInputs);
    }

    /** In the language; whether the findings are the same was decided on the stored text. */
    public Replay in(java.util.Locale locale) {
        return new Replay(original.in(locale), replayed.in(locale), sameFindings, changedInputs);
    }
}
