package org.comity.safeguards;

import java.util.List;
import org.comity.treaty.Citation;
import org.jspecify.annotations.Nullable;

/**
 * One rule's result on one request version.
 *
 * @param rule stable id of the rule (built-in rules in kebab case, policy-pack rules {@code pack:<id>})
 * @param citations from the treaty articles catalogue, each with its certainty tag
 * @param explanation plain language, in English as the engine rendered it: the record of what it found
 * @param fields paths into the assessment input that triggered it ({@code offences[0].flags}); paths
 *     appear here only, never in the explanation
 * @param resolution what would resolve it, in English
 * @param source whose rule it is; for findings stored before sources were recorded, derived from the
 *     rule or {@code unattributed}
 * @param message the keys and arguments the explanation and resolution were rendered from, to show them
 *     in another language; null for findings stored before messages were recorded (shown as stored)
 */
public record Finding(
        String rule,
        Severity severity,
        List<Citation> citations,
        String explanation,
        List<String> fields,
        String resolution,
        FindingSource source,
        @Nullable FindingMessage message) {

    public Finding {
        if (rule == null || rule.isBlank() || severity == null) {
            throw new IllegalArgumentException("a finding names its rule and severity");
        }
        if (explanation == null || explanation.isBlank() || resolution == null || resolution.isBlank()) {
            throw new IllegalArgumentException("a finding explains itself and says what would resolve it");
        }
        citations = List.copyOf(citations);
        fields = List.copyOf(fields);
        if (source == null) {
            source = FindingSource.ofStoredFinding(rule, citations);
        }
    }
}
