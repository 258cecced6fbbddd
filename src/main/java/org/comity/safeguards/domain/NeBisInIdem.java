package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.AssessmentInput.PriorProceeding;
import org.comity.safeguards.Severity;
import org.comity.treaty.Answer;

/**
 * Ne bis in idem: a person already finally acquitted, convicted or pardoned for conduct of the same
 * kind. The rule compares conduct categories, not facts, so it asks whether the facts are the same. Not
 * an express ground of the UN Convention (weighed as essential interests or the legal system of the
 * requested State); bilateral treaties and domestic law make it one, and the EU e-Evidence Regulation
 * between States it binds (cited only when both are).
 */
final class NeBisInIdem implements Rule {

    /** The EU e-Evidence Regulation's id in the treaty catalogue. */
    static final String EU_REGULATION = "EU-2023-1543";

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
                        bothEu(context) ? List.of("ne-bis-in-idem", "ne-bis-in-idem-eu") : List.of("ne-bis-in-idem"),
                        Words.subject(p.subject()) + " was finally " + outcome + " in " + p.state()
                                + " for conduct of the same kind as "
                                + Words.and(
                                        overlap.stream().map(ChargedView::label).toList())
                                + " (" + field + "); whether the facts are the same needs checking. "
                                + (context.underUncc()
                                        ? "The UN Convention has no express ne bis in idem ground; it can be weighed"
                                                + " as essential interests or as contrary to the requested State's legal"
                                                + " system, or under a bilateral treaty or its law."
                                        : "Whether it is a ground depends on " + context.requested()
                                                + "'s law and the applicable treaties."),
                        List.of(field, Words.subject(p.subject())),
                        "Ask the requesting State how the request relates to the final decision; consider refusing"
                                + " if it seeks to try or punish the person again for the same facts.");
            } else {
                findings.add(
                        this,
                        Severity.NOTE,
                        List.of("ne-bis-in-idem"),
                        "Proceedings for conduct of the same kind against " + Words.subject(p.subject()) + " are "
                                + outcome + " in " + p.state() + " (" + field + ").",
                        List.of(field),
                        "Consider coordinating with " + p.state() + " to avoid parallel proceedings.");
            }
        }
    }

    /** The treaty answer shows the EU Regulation applying between the two States. */
    private static boolean bothEu(Context context) {
        return context.legalBasis().instruments().stream()
                .anyMatch(o -> o.instrument().equals(EU_REGULATION) && o.answer() == Answer.YES);
    }
}
