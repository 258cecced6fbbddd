package org.comity.casework.domain;

import java.time.Instant;

/**
 * A consultation with the requesting State on whether assistance can be given, perhaps on conditions,
 * recorded before a refusal or postponement (domain.md §5, procedure).
 */
public record Consultation(Instant at, String recordedBy, String with, String summary) {

    public Consultation {
        if (at == null || recordedBy == null || ContentRule.blank(with) || ContentRule.blank(summary)) {
            throw new IllegalArgumentException("a consultation says when, by whom, with whom and what was said");
        }
    }
}
