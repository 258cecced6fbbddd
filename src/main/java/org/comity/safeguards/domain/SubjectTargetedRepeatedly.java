package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.AssessmentInput.PriorRequest;
import org.comity.safeguards.Severity;

/**
 * Patterns across requests: the same person sought through several requests, or through several
 * States, is how transnational repression looks from one node. One earlier request is a note; more, or
 * through more than one State, a concern.
 *
 * <p>Earlier requests come from two places: those listed in the input's history, each described, and
 * the node's records, counted in the database ({@code recorded}). The explanation gives the recorded
 * ones as a number only: it is shown to whoever may see this request, who may not see those.
 */
final class SubjectTargetedRepeatedly implements Rule {

    @Override
    public String id() {
        return "subject-targeted-repeatedly";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var thresholds = context.pack().settings().thresholds();
        var subjects = input.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            var listed = Patterns.listedFor(input, i, thresholds);
            if (subjects.get(i).identifiers().isEmpty() && listed.isEmpty()) {
                continue;
            }
            int index = i;
            var recorded = input.recorded() == null
                    ? null
                    : input.recorded().subject(index).orElse(null);
            long inRecords = recorded == null ? 0 : recorded.requests();
            long earlier = listed.size() + inRecords;
            if (earlier == 0) {
                continue;
            }
            boolean atLeast = recorded != null && recorded.atLeast();
            int states = Patterns.states(input, listed).size() + (recorded == null ? 0 : recorded.otherStates());
            boolean manyStates = states >= thresholds.repeatedSubjectStates();
            boolean pattern = earlier >= thresholds.repeatedSubjectRequests() || manyStates;
            findings.add(
                    this,
                    pattern ? Severity.CONCERN : Severity.NOTE,
                    Context.ADVISORY,
                    List.of("patterns"),
                    Findings.explained(
                            "subject-targeted-repeatedly.explanation",
                            pattern ? "subject-targeted-repeatedly.pattern" : "subject-targeted-repeatedly.once",
                            "subject",
                            i + 1,
                            "atLeast",
                            atLeast ? "yes" : "no",
                            "earlier",
                            earlier,
                            "listed",
                            listed.isEmpty()
                                    ? List.of("-")
                                    : listed.stream()
                                            .map(SubjectTargetedRepeatedly::describe)
                                            .toList(),
                            "listedCount",
                            listed.size(),
                            "recorded",
                            recorded == null ? 0 : recorded.requests(),
                            "recordedAtLeast",
                            recorded != null && recorded.atLeast() ? "yes" : "no",
                            "states",
                            states > 2 ? states : 0),
                    List.of(Words.subject(i) + ".identifiers"));
        }
    }

    /** A listed request by its States and date, the same in every language. */
    private static String describe(PriorRequest p) {
        return p.requesting() + " \u2192 " + p.requested() + " " + p.date();
    }
}
