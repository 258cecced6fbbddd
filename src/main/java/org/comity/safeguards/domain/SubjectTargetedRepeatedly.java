package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.AssessmentInput.PriorRequest;
import org.comity.safeguards.AssessmentInput.SubjectRecord;
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
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var thresholds = context.pack().settings().thresholds();
        var subjects = input.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            if (subjects.get(i).identifiers().isEmpty()) {
                continue;
            }
            var listed = Patterns.listedFor(input, i, thresholds);
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
                    List.of("patterns"),
                    Words.subject(i) + " (" + Words.subject(i) + ".identifiers) was also sought in "
                            + (atLeast ? "at least " : "") + earlier + " earlier request" + (earlier == 1 ? "" : "s")
                            + " (" + which(listed, recorded) + ")"
                            + (states > 2 ? ", through " + (atLeast ? "at least " : "") + states + " States." : ".")
                            + " This alone does not show that this request is abusive.",
                    List.of(Words.subject(i) + ".identifiers"),
                    pattern
                            ? "A senior reviewer reads the earlier requests together with this one and asks whether"
                                    + " the person, rather than a crime, is the target."
                            : "Read the earlier request with this one.");
        }
    }

    /** The listed requests one by one, then how many the node's records hold. */
    private static String which(List<PriorRequest> listed, SubjectRecord recorded) {
        var parts = new ArrayList<String>(listed.size() + 1);
        listed.forEach(p -> parts.add(describe(p)));
        if (recorded != null && recorded.requests() > 0) {
            parts.add((recorded.atLeast() ? "at least " : "") + recorded.requests() + " in this node's records");
        }
        return String.join(", ", parts);
    }

    private static String describe(PriorRequest p) {
        return p.requesting() + " to " + p.requested() + " on " + p.date();
    }
}
