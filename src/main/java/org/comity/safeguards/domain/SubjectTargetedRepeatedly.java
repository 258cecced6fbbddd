package org.comity.safeguards.domain;

import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;
import org.comity.safeguards.AssessmentInput.PriorRequest;
import org.comity.safeguards.Severity;
import org.comity.shared.CountryCode;

/**
 * Patterns across requests: the same person sought through several requests, or through several
 * States, is how transnational repression looks from one node. One earlier request is a note; more, or
 * through more than one State, a concern.
 */
final class SubjectTargetedRepeatedly implements Rule {

    @Override
    public String id() {
        return "subject-targeted-repeatedly";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var thresholds = context.pack().settings().thresholds();
        var subjects = input.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            var ids = new HashSet<>(subjects.get(i).identifiers());
            if (ids.isEmpty()) {
                continue;
            }
            var earlier = input.history().stream()
                    .filter(p -> !p.requestId().equals(input.requestId()))
                    .filter(p -> Patterns.withinWindow(p, input, thresholds))
                    .filter(p -> p.subjectIdentifiers().stream().anyMatch(ids::contains))
                    .toList();
            if (earlier.isEmpty()) {
                continue;
            }
            var states = new TreeSet<CountryCode>();
            earlier.forEach(p -> {
                states.add(p.requesting());
                states.add(p.requested());
            });
            states.add(input.requesting());
            states.add(input.requested());
            boolean manyStates = states.size() >= thresholds.repeatedSubjectStates();
            boolean pattern = earlier.size() >= thresholds.repeatedSubjectRequests() || manyStates;
            findings.add(
                    this,
                    pattern ? Severity.CONCERN : Severity.NOTE,
                    List.of("patterns"),
                    Words.subject(i) + " (" + Words.subject(i) + ".identifiers) was also sought in " + earlier.size()
                            + " earlier request" + (earlier.size() == 1 ? "" : "s") + " ("
                            + String.join(
                                    ", ",
                                    earlier.stream()
                                            .map(SubjectTargetedRepeatedly::describe)
                                            .toList())
                            + ")" + (states.size() > 2 ? ", through " + states.size() + " States." : "."),
                    List.of(Words.subject(i) + ".identifiers"),
                    pattern
                            ? "A senior reviewer reads the earlier requests together with this one and asks whether"
                                    + " the person, rather than a crime, is the target."
                            : "Read the earlier request with this one.");
        }
    }

    private static String describe(PriorRequest p) {
        return p.requesting() + " to " + p.requested() + " on " + p.date();
    }
}
