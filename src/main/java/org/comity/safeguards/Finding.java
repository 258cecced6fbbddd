package org.comity.safeguards;

import java.util.List;
import org.comity.treaty.Citation;

/**
 * One rule's result on one request version.
 *
 * @param rule stable id of the rule (built-in rules in kebab case, policy-pack rules {@code pack:<id>})
 * @param citations from the treaty articles catalogue, each with its certainty tag
 * @param explanation plain language, naming the fields that triggered it
 * @param fields paths into the assessment input that triggered it ({@code offences[0].flags})
 * @param resolution what would resolve it
 */
public record Finding(
        String rule,
        Severity severity,
        List<Citation> citations,
        String explanation,
        List<String> fields,
        String resolution) {

    public Finding {
        if (rule == null || rule.isBlank() || severity == null) {
            throw new IllegalArgumentException("a finding names its rule and severity");
        }
        if (explanation == null || explanation.isBlank() || resolution == null || resolution.isBlank()) {
            throw new IllegalArgumentException("a finding explains itself and says what would resolve it");
        }
        citations = List.copyOf(citations);
        fields = List.copyOf(fields);
    }
}
