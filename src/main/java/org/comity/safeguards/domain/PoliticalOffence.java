package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.Severity;

/**
 * A political offence is a refusal ground under the Budapest Convention (absent an MLA treaty, and for
 * preservation) and many bilateral treaties, for the requested State to judge. The UN Convention has no
 * such ground: under it the ground is the requested State's own law, which it raises as its essential
 * interests. A ground either way; its source and wording follow whose ground it is, so a finding never
 * says a ground exists while its text says the treaty has none.
 */
final class PoliticalOffence implements Rule {

    @Override
    public String id() {
        return "political-offence";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("political-offence"), Attribution.REQUESTED_STATE_LAW);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var political = context.offences().stream()
                .filter(o -> o.flags().contains(OffenceFlag.POLITICAL))
                .toList();
        if (political.isEmpty()) {
            return;
        }
        var uncc = context.underUncc();
        findings.add(
                this,
                Severity.GROUND,
                uncc ? context.requestedStateLaw() : context.treaty("political-offence"),
                uncc ? List.of("essential-interests") : List.of("political-offence"),
                Findings.explained(
                        uncc
                                ? "political-offence.requested-state-law.explanation"
                                : "political-offence.treaty.explanation",
                        "political-offence.resolution",
                        "offences",
                        political.stream().map(ChargedView::label).toList(),
                        "count",
                        political.size(),
                        "state",
                        context.requested(),
                        "instrument",
                        context.instrumentWord()),
                political.stream().map(o -> o.field("flags")).toList());
    }
}
