package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Severity;

/**
 * An emergency is a significant and imminent risk to the life or safety of a natural person. Forged
 * emergency requests are a known attack, so an emergency without the stated risk is a bar, and every
 * emergency carries a note to verify it through a second channel.
 */
final class EmergencyJustified implements Rule {

    @Override
    public String id() {
        return "emergency-justified";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("emergency"), Attribution.ADVISORY_PRACTICE);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var emergency = input.emergency();
        boolean emergencyKind = input.measure().emergency();
        if (!emergency.declared() && !emergencyKind) {
            return;
        }
        if (emergencyKind && !emergency.declared()) {
            findings.add(
                    this,
                    Severity.BAR,
                    context.treaty("emergency"),
                    List.of("emergency"),
                    Findings.message("emergency-justified.not-marked"),
                    List.of("kind", "emergency.declared"));
            return;
        }
        if (!emergency.imminentRiskStated()) {
            findings.add(
                    this,
                    Severity.BAR,
                    context.treaty("emergency"),
                    List.of("emergency"),
                    Findings.message("emergency-justified.no-risk"),
                    List.of("emergency.imminentRiskStated"));
            return;
        }
        findings.add(
                this,
                Severity.NOTE,
                Context.ADVISORY,
                List.of("emergency"),
                Findings.message("emergency-justified.verify"),
                List.of("emergency.declared"));
    }
}
