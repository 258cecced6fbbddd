package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Severity;

/**
 * Specificity: a request must describe the assistance sought and identify, where possible, the
 * persons concerned. "All data" of an account needs a senior reviewer; accounts the request does not
 * identify ("all accounts of the protest organisers"), or no identified person at all, is a dragnet that
 * no State is obliged to execute: a bar citing the contents requirement. The proportionality findings
 * (period, all data) stay beside it, so the reviewer sees everything that would have to change.
 */
final class SpecificTargets implements Rule {

    @Override
    public String id() {
        return "specific-targets";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("request-contents"), Attribution.treaty("proportionality"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var data = input.data();
        if (!input.measure().seeksData() || data == null) {
            return;
        }
        // Preservation freezes data before anyone is identified; it is the one measure that may.
        boolean noTarget = !input.measure().preserves()
                && !input.subjects().isEmpty()
                && input.subjects().stream()
                        .noneMatch(s -> s.identified() || !s.identifiers().isEmpty());
        if (data.unidentifiedAccounts() || noTarget) {
            var fields = data.unidentifiedAccounts() ? List.of("data.unidentifiedAccounts") : List.of("subjects");
            findings.add(
                    this,
                    Severity.BAR,
                    context.treaty("request-contents"),
                    List.of("request-contents", "specificity"),
                    Findings.explained(
                            "specific-targets.dragnet.explanation",
                            "specific-targets.dragnet.resolution",
                            "kind",
                            data.unidentifiedAccounts() ? "group" : "nobody"),
                    fields);
        }
        if (data.allData()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    context.treaty("proportionality"),
                    List.of("proportionality"),
                    Findings.message("specific-targets.all-data"),
                    List.of("data.allData"));
        }
    }
}
