package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Measure;
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
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var emergency = input.emergency();
        boolean emergencyKind = input.measure() == Measure.EMERGENCY_DISCLOSURE;
        if (!emergency.declared() && !emergencyKind) {
            return;
        }
        if (emergencyKind && !emergency.declared()) {
            findings.add(
                    this,
                    Severity.BAR,
                    List.of("emergency"),
                    "The request asks for emergency disclosure (kind) but is not marked as an emergency"
                            + " (emergency.declared).",
                    List.of("kind", "emergency.declared"),
                    "Mark it as an emergency and state the imminent risk, or ask for stored data by the ordinary"
                            + " procedure.");
            return;
        }
        if (!emergency.imminentRiskStated()) {
            findings.add(
                    this,
                    Severity.BAR,
                    List.of("emergency"),
                    "The request is marked as an emergency (emergency.declared) but states no significant and"
                            + " imminent risk to the life or safety of a person (emergency.imminentRiskStated).",
                    List.of("emergency.imminentRiskStated"),
                    "State the imminent risk to life or safety and whom it threatens, or treat the request as"
                            + " urgent rather than as an emergency.");
            return;
        }
        findings.add(
                this,
                Severity.NOTE,
                List.of("emergency"),
                "Emergency request (emergency.declared) with an imminent risk stated. Forged emergency requests"
                        + " from compromised official accounts are a known attack.",
                List.of("emergency.declared"),
                "Verify the requesting authority through a second channel (call-back to the 24/7 point of"
                        + " contact) and have a second signer confirm.");
    }
}
