package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import org.comity.safeguards.Finding;
import org.comity.safeguards.FindingMessage;
import org.comity.safeguards.FindingSource;
import org.comity.safeguards.FindingText;
import org.comity.safeguards.Severity;
import org.comity.treaty.Citation;

/** Collects the findings of one assessment and orders them the same way whatever order rules ran in. */
public final class Findings {

    static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::rule)
            .thenComparing(f -> String.join(",", f.fields()))
            .thenComparing(Finding::explanation);

    private final Citations citations;
    private final String instrument;
    private final List<Finding> found = new ArrayList<>();

    Findings(Citations citations, String instrument) {
        this.citations = citations;
        this.instrument = instrument;
    }

    /**
     * The message of a finding: {@code <key>.explanation} and {@code <key>.resolution} of the safeguards
     * bundle, with named arguments given as name, value pairs.
     */
    static FindingMessage message(String key, Object... namesAndValues) {
        return explained(key + ".explanation", key + ".resolution", namesAndValues);
    }

    /** A message whose explanation and resolution keys are chosen separately. */
    static FindingMessage explained(String explanation, String resolution, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("message arguments come in name, value pairs");
        }
        var arguments = new LinkedHashMap<String, Object>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            arguments.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new FindingMessage(explanation, resolution, arguments);
    }

    public void add(
            Rule rule,
            Severity severity,
            FindingSource source,
            List<String> citationKeys,
            FindingMessage message,
            List<String> fields) {
        if (!rule.attributions().contains(Attribution.of(source))) {
            throw new IllegalStateException("rule " + rule.id() + " does not declare the source " + source);
        }
        add(rule.id(), severity, source, citations.forInstrument(instrument, citationKeys), message, fields);
    }

    /** For findings that also cite what a treaty answer or reservation cited, and for pack rules. */
    public void add(
            String rule,
            Severity severity,
            FindingSource source,
            List<Citation> cited,
            FindingMessage message,
            List<String> fields) {
        var english = FindingText.english(message);
        found.add(new Finding(
                rule, severity, cited, english.explanation(), fields, english.resolution(), source, message));
    }

    List<Finding> ordered() {
        var sorted = new ArrayList<>(found);
        sorted.sort(ORDER);
        return sorted;
    }
}
