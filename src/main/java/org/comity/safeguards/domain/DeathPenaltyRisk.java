package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.FindingSource;
import org.comity.safeguards.Severity;

/**
 * The death penalty is not addressed by the Convention itself: the ground is international human-rights
 * law (the right to life and the prohibition of cruel or inhuman punishment, read by the Human Rights
 * Committee and the European Court as forbidding an abolitionist State to extradite to a death sentence
 * without assurances), which treaties and domestic law make a ground or a bar, usually lifted by
 * assurances. Applies to extradition always, and to evidence requests where the requested State's
 * policy pack says so; the pack also sets the severity. The Convention's articles cited beside it are
 * how the requested State raises it, never its source.
 */
final class DeathPenaltyRisk implements Rule {

    private static final FindingSource SOURCE = new FindingSource.HumanRightsLaw("ICCPR", "death-penalty-human-rights");

    @Override
    public String id() {
        return "death-penalty";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.humanRights("death-penalty-human-rights"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var settings = context.pack().settings();
        boolean extradition = input.measure().surrender();
        if (!extradition && !(input.measure().evidence() && settings.deathPenaltyForEvidence())) {
            return;
        }
        var capital =
                context.offences().stream().filter(ChargedView::deathPenalty).toList();
        if (capital.isEmpty()) {
            return;
        }
        var fields = new java.util.ArrayList<>(
                capital.stream().map(o -> o.field("deathPenalty")).toList());
        fields.add("deathPenaltyAssurances");
        var vehicle = extradition ? "death-penalty-extradition" : "death-penalty-evidence";
        Severity severity;
        String policy;
        String resolution;
        switch (settings.deathPenalty()) {
            case ABSOLUTE_BAR -> {
                severity = Severity.BAR;
                policy = "absolutebar";
                resolution = "death-penalty.resolution-absolute";
            }
            case BAR_WITHOUT_ASSURANCES -> {
                severity = input.deathPenaltyAssurances() ? Severity.NOTE : Severity.BAR;
                policy = input.deathPenaltyAssurances() ? "assured" : "barwithoutassurances";
                resolution = input.deathPenaltyAssurances()
                        ? "death-penalty.resolution-assured"
                        : "death-penalty.resolution-ask";
            }
            case GROUND_WITHOUT_ASSURANCES -> {
                severity = input.deathPenaltyAssurances() ? Severity.NOTE : Severity.GROUND;
                policy = input.deathPenaltyAssurances() ? "assured" : "groundwithoutassurances";
                resolution = input.deathPenaltyAssurances()
                        ? "death-penalty.resolution-assured"
                        : "death-penalty.resolution-ask";
            }
            default -> throw new IllegalStateException();
        }
        findings.add(
                this,
                severity,
                SOURCE,
                List.of("death-penalty-human-rights", vehicle),
                Findings.explained(
                        "death-penalty.explanation",
                        resolution,
                        "offences",
                        capital.stream().map(ChargedView::label).toList(),
                        "count",
                        capital.size(),
                        "requesting",
                        input.requesting().value(),
                        "state",
                        input.requested().value(),
                        "instrument",
                        context.instrumentWord(),
                        "policy",
                        policy,
                        "extradition",
                        extradition ? "yes" : "no"),
                fields);
    }
}
