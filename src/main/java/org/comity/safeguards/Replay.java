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
}
