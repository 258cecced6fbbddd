package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.AssessmentInput.PriorProceeding;
import org.comity.safeguards.FindingSource;
import org.comity.safeguards.Severity;
import org.comity.treaty.Answer;

/**
 * Ne bis in idem: a person already finally acquitted, convicted or pardoned for conduct of the same
 * kind. The rule compares conduct categories, not facts, so it asks whether the facts are the same. Not
 * a ground of the UN Convention. Where the EU e-Evidence Regulation binds both States it is the
 * Regulation's ground (cited only then); otherwise its source is human-rights law (ICCPR Art 14(7)),
 * which binds each State for its own judgments, so a foreign judgment counts where the requested
 * State's law or a treaty extends it: the finding says so rather than implying the Covenant decides.
 * Proceedings still pending are Comity's advice to coordinate.
 */
final class NeBisInIdem implements Rule {

    /** The EU e-Evidence Regulation's id in the treaty catalogue. */
    static final String EU_REGULATION = "EU-2023-1543";

    @Override
    public String id() {
        return "ne-bis-in-idem";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(
                Attribution.treaty("ne-bis-in-idem-eu"),
                Attribution.humanRights("ne-bis-in-idem-human-rights"),
                Attribution.ADVISORY_PRACTICE);
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
            Object[] args = {
                "subject", p.subject() + 1,
                "outcome", "@outcome." + p.outcome().name().toLowerCase(java.util.Locale.ROOT),
                "where", p.state().value(),
                "offences", overlap.stream().map(ChargedView::label).toList(),
                "state", context.requested()
            };
            if (p.outcome().finalDisposal()) {
                boolean eu = bothEu(context);
                findings.add(
                        this,
                        Severity.GROUND,
                        eu
                                ? new FindingSource.Treaty(EU_REGULATION, "ne-bis-in-idem-eu")
                                : new FindingSource.HumanRightsLaw("ICCPR", "ne-bis-in-idem-human-rights"),
                        eu
                                ? List.of("ne-bis-in-idem-eu", "ne-bis-in-idem")
                                : List.of("ne-bis-in-idem-human-rights", "ne-bis-in-idem"),
                        Findings.explained(
                                eu ? "ne-bis-in-idem.eu.explanation" : "ne-bis-in-idem.human-rights.explanation",
                                "ne-bis-in-idem.final.resolution",
                                args),
                        List.of(field, Words.subject(p.subject())));
            } else {
                findings.add(
                        this,
                        Severity.NOTE,
                        Context.ADVISORY,
                        List.of("ne-bis-in-idem"),
                        Findings.message("ne-bis-in-idem.pending", args),
                        List.of(field));
            }
        }
    }

    /** The treaty answer shows the EU Regulation applying between the two States. */
    private static boolean bothEu(Context context) {
        return context.legalBasis().instruments().stream()
                .anyMatch(o -> o.instrument().equals(EU_REGULATION) && o.answer() == Answer.YES);
    }
}
