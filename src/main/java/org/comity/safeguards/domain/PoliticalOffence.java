package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.Severity;

/**
 * A political offence is a refusal ground under the Budapest Convention (absent an MLA treaty, and for
 * preservation) and many bilateral treaties, for the requested State to judge. The UN Convention has no
 * such ground: there the question is weighed as persecution on account of political opinion or as
 * essential interests. A ground either way, which the citations follow.
 */
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
                        + " offences[].flags)."
                        + (context.underUncc()
                                ? " The UN Convention has no political-offence ground (bilateral treaties may have"
                                        + " one); weigh instead persecution on account of political opinion and "
                                        + context.requested() + "'s essential interests."
                                : " Under " + context.instrumentName() + " and many bilateral treaties, "
                                        + context.requested() + " may refuse if it considers the offence political"
                                        + " or connected with a political offence."),
                political.stream().map(o -> o.field("flags")).toList(),
                "The requested State decides whether the offence is political in character; assisting needs a"
                        + " written justification and a second approver.");
    }
}
