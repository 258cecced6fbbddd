package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Measure;
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
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var data = input.data();
        if (!input.measure().seeksData() || data == null) {
            return;
        }
        // Preservation freezes data before anyone is identified; it is the one measure that may.
        boolean noTarget = input.measure() != Measure.EXPEDITED_PRESERVATION
                && !input.subjects().isEmpty()
                && input.subjects().stream()
                        .noneMatch(s -> s.identified() || !s.identifiers().isEmpty());
        if (data.unidentifiedAccounts() || noTarget) {
            var fields = data.unidentifiedAccounts() ? List.of("data.unidentifiedAccounts") : List.of("subjects");
            findings.add(
                    this,
                    Severity.BAR,
                    List.of("request-contents", "specificity"),
                    (data.unidentifiedAccounts()
                                    ? "The request asks for accounts it does not identify: it describes a group of"
                                            + " people (such as all members of a group or all users of a service)"
                                            + " rather than the data of identified persons linked to the offence."
                                    : "The request identifies none of the persons whose data it seeks, by name or by"
                                            + " any identifier.")
                            + " A request must identify, where possible, the persons concerned and describe the"
                            + " assistance sought; one that does neither is not a request any State is obliged to"
                            + " execute.",
                    fields,
                    "Ask the requesting State to identify each account or person, or, where that is not possible,"
                            + " to describe each by its link to the offence and show that link.");
        }
        if (data.allData()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    List.of("proportionality"),
                    "The request asks for all data held (data.allData) instead of the categories the facts"
                            + " justify.",
                    List.of("data.allData"),
                    "Name the categories (subscriber, traffic, content) and the period the facts justify.");
        }
    }
}
