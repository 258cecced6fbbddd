package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.comity.safeguards.Finding;
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

    public void add(
            Rule rule,
            Severity severity,
            List<String> citationKeys,
            String explanation,
            List<String> fields,
            String resolution) {
        add(rule.id(), severity, citations.forInstrument(instrument, citationKeys), explanation, fields, resolution);
    }

    /** For findings that also cite what a treaty answer or reservation cited. */
    public void add(
            String rule,
            Severity severity,
            List<Citation> cited,
            String explanation,
            List<String> fields,
            String resolution) {
        found.add(new Finding(rule, severity, cited, explanation, fields, resolution));
    }

    List<Finding> ordered() {
        var sorted = new ArrayList<>(found);
        sorted.sort(ORDER);
        return sorted;
    }
}
