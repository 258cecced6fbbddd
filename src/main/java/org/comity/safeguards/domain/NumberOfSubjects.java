package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Severity;

/** Many subjects in one request suggest a sweep rather than an investigation of identified persons. */
final class NumberOfSubjects implements Rule {

    @Override
    public String id() {
        return "number-of-subjects";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE);
    }

    @Override
    public void assess(Context context, Findings findings) {
        // More subjects than the pack's threshold (ten by default) need a senior reviewer's look.
        int many = context.pack().settings().thresholds().manySubjects();
        int n = context.input().subjects().size();
        if (n <= many || !context.input().measure().coercive()) {
            return;
        }
        findings.add(
                this,
                Severity.CONCERN,
                Context.ADVISORY,
                List.of("proportionality"),
                Findings.message("number-of-subjects", "count", n, "many", many),
                List.of("subjects"));
    }
}
