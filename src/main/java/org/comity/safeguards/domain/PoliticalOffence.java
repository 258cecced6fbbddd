package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.Severity;

/** A political offence is a classic ground for refusing assistance. */
final class PoliticalOffence implements Rule {

    @Override
    public String id() {
        return "political-offence";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var political = context.offences().stream()
                .filter(o -> o.flags().contains(OffenceFlag.POLITICAL))
                .toList();
        if (political.isEmpty()) {
            return;
        }
        findings.add(
                this,
                Severity.GROUND,
                List.of("political-offence"),
                Words.and(political.stream().map(ChargedView::label).toList())
                        + (political.size() == 1 ? " is" : " are")
                        + " flagged as a political offence (in the request or in the requesting State's profile:"
                        + " offences[].flags). Assistance may be refused for political offences.",
                political.stream().map(o -> o.field("flags")).toList(),
                "Decide whether the offence is political in character; assisting needs a written justification and"
                        + " a second approver.");
    }
}
