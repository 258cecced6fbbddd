package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.AssessmentInput.PriorProceeding;
import org.comity.safeguards.Severity;

/**
 * Ne bis in idem: a person already finally acquitted, convicted or pardoned for the same conduct. Not
 * an express ground of the Convention; treaties and the EU e-Evidence Regulation make it one.
 */
final class NeBisInIdem implements Rule {

    @Override
    public String id() {
        return "ne-bis-in-idem";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var proceedings = context.input().priorProceedings();
        for (int i = 0; i < proceedings.size(); i++) {
            PriorProceeding p = proceedings.get(i);
            var overlap = context.offences().stream()
                    .filter(o -> o.charged().conduct().stream().anyMatch(p.conduct()::contains))
                    .toList();
            if (overlap.isEmpty()) {
                continue;
            }
            var field = "priorProceedings[" + i + "]";
            var outcome = p.outcome().name().toLowerCase(java.util.Locale.ROOT);
            if (p.outcome().finalDisposal()) {
                findings.add(
                        this,
                        Severity.GROUND,
                        List.of("ne-bis-in-idem"),
                        Words.subject(p.subject()) + " was finally " + outcome + " in " + p.state()
                                + " for the same conduct as "
                                + Words.and(
                                        overlap.stream().map(ChargedView::label).toList())
                                + " (" + field + ").",
                        List.of(field, Words.subject(p.subject())),
                        "Ask the requesting State how the request relates to the final decision; refuse if it"
                                + " seeks to try or punish the person again for the same conduct.");
            } else {
                findings.add(
                        this,
                        Severity.NOTE,
                        List.of("ne-bis-in-idem"),
                        "Proceedings for the same conduct against " + Words.subject(p.subject()) + " are " + outcome
                                + " in " + p.state() + " (" + field + ").",
                        List.of(field),
                        "Consider coordinating with " + p.state() + " to avoid parallel proceedings.");
            }
        }
    }
}
