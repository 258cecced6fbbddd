package org.comity.safeguards.domain;

import org.comity.safeguards.AssessmentInput;

/** What the two pattern rules share: which earlier requests still count. */
final class Patterns {

    private Patterns() {}

    /** An earlier request counts if the pack sets no window, or it is dated within the window. */
    static boolean withinWindow(
            AssessmentInput.PriorRequest prior, AssessmentInput input, PolicyPack.Thresholds thresholds) {
        int days = thresholds.patternWindowDays();
        return days == 0 || !prior.date().isBefore(input.requestDate().minusDays(days));
    }
}
