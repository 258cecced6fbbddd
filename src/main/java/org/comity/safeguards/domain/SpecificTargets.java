package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Severity;

/**
 * Specificity: a request must describe the assistance sought and identify, where possible, the
 * persons concerned. "All data" of an account needs a senior reviewer; accounts the request does not
 * identify ("all accounts of the protest organisers") is a fishing expedition, a refusal ground.
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
        if (data.unidentifiedAccounts()) {
            findings.add(
                    this,
                    Severity.GROUND,
                    List.of("specificity"),
                    "The request asks for accounts it does not identify (data.unidentifiedAccounts): it describes a"
                            + " group of people rather than the data of identified persons linked to the offence.",
                    List.of("data.unidentifiedAccounts"),
                    "Ask the requesting State to identify each account, or where that is not possible describe it"
                            + " by its link to the offence, and to show that link.");
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
