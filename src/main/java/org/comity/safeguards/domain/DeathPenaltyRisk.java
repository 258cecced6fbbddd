package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Measure;
import org.comity.safeguards.Severity;

/**
 * The death penalty is not addressed by the Convention itself; treaties and domestic law make it a
 * ground or a bar, usually lifted by assurances. Applies to extradition always, and to evidence
 * requests where the requested State's policy pack says so; the pack also sets the severity.
 */
final class DeathPenaltyRisk implements Rule {

    @Override
    public String id() {
        return "death-penalty";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var settings = context.pack().settings();
        boolean extradition = input.measure() == Measure.EXTRADITION;
        if (!extradition && !(input.measure().evidence() && settings.deathPenaltyForEvidence())) {
            return;
        }
        var capital =
                context.offences().stream().filter(ChargedView::deathPenalty).toList();
        if (capital.isEmpty()) {
            return;
        }
        var labels = Words.and(capital.stream().map(ChargedView::label).toList());
        var fields = new java.util.ArrayList<>(
                capital.stream().map(o -> o.field("deathPenalty")).toList());
        fields.add("deathPenaltyAssurances");
        var key = extradition ? "death-penalty-extradition" : "death-penalty-evidence";
        var what = labels + (capital.size() == 1 ? " is" : " are") + " punishable by death in " + input.requesting()
                + " (the request or its profile says so). " + Words.sentence(context.instrumentName())
                + " does not address the death penalty; " + input.requested() + "'s policy decides.";
        Severity severity;
        String why;
        switch (settings.deathPenalty()) {
            case ABSOLUTE_BAR -> {
                severity = Severity.BAR;
                why = " " + input.requested() + "'s policy pack makes this an absolute bar, whatever assurances are"
                        + " given.";
            }
            case BAR_WITHOUT_ASSURANCES -> {
                severity = input.deathPenaltyAssurances() ? Severity.NOTE : Severity.BAR;
                why = input.deathPenaltyAssurances()
                        ? " Assurances were given (deathPenaltyAssurances)."
                        : " " + input.requested() + "'s policy pack bars assistance without assurances that the death"
                                + " penalty will not be imposed or carried out.";
            }
            case GROUND_WITHOUT_ASSURANCES -> {
                severity = input.deathPenaltyAssurances() ? Severity.NOTE : Severity.GROUND;
                why = input.deathPenaltyAssurances()
                        ? " Assurances were given (deathPenaltyAssurances)."
                        : " " + input.requested() + "'s policy makes it a refusal ground without assurances that it"
                                + " will not be imposed or carried out, and none are given.";
            }
            default -> throw new IllegalStateException();
        }
        findings.add(
                this,
                severity,
                List.of(key),
                what + why,
                fields,
                severity == Severity.NOTE
                        ? "Record the assurances as a condition of the decision."
                        : severity == Severity.BAR
                                        && settings.deathPenalty()
                                                == org.comity.safeguards.domain.PolicyPack.DeathPenalty.ABSOLUTE_BAR
                                ? "Assistance is not possible for these offences; it may be considered for the"
                                        + " others only."
                                : "Ask the requesting State for assurances that the death penalty will not be"
                                        + " imposed or, if imposed, not carried out.");
    }
}
