package org.comity.safeguards;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * All findings for one version of a request, most severe first, with the versions of everything it
 * was computed from, so it can be replayed.
 */
public record Assessment(UUID requestId, long version, InputsUsed inputs, List<Finding> findings) {

    public Assessment {
        if (requestId == null || inputs == null) {
            throw new IllegalArgumentException("an assessment names its request and its inputs");
        }
        findings = List.copyOf(findings);
    }

    public Optional<Severity> highest() {
        return findings.stream().map(Finding::severity).min(Enum::compareTo);
    }

    public boolean hasBar() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.BAR);
    }

    /** A ground or a concern: deciding needs a second approver. */
    public boolean groundOrConcern() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.GROUND || f.severity() == Severity.CONCERN);
    }

    public List<Finding> bars() {
        return findings.stream().filter(f -> f.severity() == Severity.BAR).toList();
    }

    /** The same assessment with its explanations and resolutions in the language ({@link FindingText}). */
    public Assessment in(java.util.Locale locale) {
        return new Assessment(requestId, version, inputs, FindingText.localised(findings, locale));
    }
}
