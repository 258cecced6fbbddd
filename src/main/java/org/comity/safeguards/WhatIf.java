package org.comity.safeguards;

/**
 * What an assessment of this input would find, computed and stored nowhere: the input as assessed
 * (with the history it read) and the findings. It is not an assessment of the request it names, so
 * nothing about that request changes: neither its assessments nor the subjects it counts for patterns.
 */
public record WhatIf(AssessmentInput input, Assessment assessment) {

    public WhatIf {
        if (input == null || assessment == null) {
            throw new IllegalArgumentException("a what-if has its input and its assessment");
        }
    }

    public WhatIf in(java.util.Locale locale) {
        return new WhatIf(input, assessment.in(locale));
    }
}
