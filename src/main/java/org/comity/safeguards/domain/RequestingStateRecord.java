package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Severity;

/**
 * A requesting State whose earlier requests were refused on persecution grounds deserves a closer
 * look at its next one. Refusals come from the requests listed in the input's history and from the
 * node's records, counted in the database ({@code recorded}).
 */
final class RequestingStateRecord implements Rule {

    @Override
    public String id() {
        return "requesting-state-record";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var thresholds = context.pack().settings().thresholds();
        long refused = input.history().stream()
                        .filter(p -> !p.requestId().equals(input.requestId()))
                        .filter(p -> Patterns.withinWindow(p, input, thresholds))
                        .filter(p -> p.requesting().equals(input.requesting()) && p.refusedOnPersecutionGrounds())
                        .count()
                + (input.recorded() == null ? 0 : input.recorded().refusals());
        boolean atLeast = input.recorded() != null && input.recorded().refusalsAtLeast();
        if (refused == 0 || refused < thresholds.stateRecordRefusals()) {
            return;
        }
        findings.add(
                this,
                Severity.CONCERN,
                Context.ADVISORY,
                List.of("persecution", "patterns"),
                Findings.message(
                        "requesting-state-record",
                        "atLeast",
                        atLeast ? "yes" : "no",
                        "refused",
                        refused,
                        "requesting",
                        input.requesting().value()),
                List.of("history"));
    }
}
