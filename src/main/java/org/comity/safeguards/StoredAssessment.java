package org.comity.safeguards;

import java.time.Instant;
import java.util.UUID;

/** An assessment as stored: who asked for it and when, with the input it was computed from. */
public record StoredAssessment(
        UUID id, Instant assessedAt, String assessedBy, AssessmentInput input, Assessment assessment) {

    public StoredAssessment {
        if (id == null || assessedAt == null || assessedBy == null || input == null || assessment == null) {
            throw new IllegalArgumentException("a stored assessment has all its parts");
        }
    }

    public StoredAssessment in(java.util.Locale locale) {
        return new StoredAssessment(id, assessedAt, assessedBy, input, assessment.in(locale));
    }
}
