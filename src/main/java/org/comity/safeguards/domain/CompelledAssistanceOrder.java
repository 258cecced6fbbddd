package org.comity.safeguards.domain;

import java.util.List;
import java.util.TreeSet;
import org.comity.safeguards.CompelledAssistance;
import org.comity.safeguards.Severity;

/**
 * Orders compelling a person to disclose credentials or keys, unlock devices or weaken security reach
 * beyond producing data. They are a refusal ground by default (unlocking a device: a concern), and a
 * bar where the requested State's policy pack says so.
 */
final class CompelledAssistanceOrder implements Rule {

    @Override
    public String id() {
        return "compelled-assistance";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var compelled = new TreeSet<>(context.input().compelled());
        if (compelled.isEmpty()) {
            return;
        }
        var configured = context.pack().settings().compelledAssistance();
        boolean onlyUnlock = compelled.equals(new TreeSet<>(List.of(CompelledAssistance.UNLOCK_DEVICE)));
        var severity = onlyUnlock && configured != Severity.BAR ? Severity.CONCERN : configured;
        findings.add(
                this,
                severity,
                List.of("compelled-assistance"),
                "The request would compel a person to "
                        + Words.and(compelled.stream()
                                .map(CompelledAssistance::words)
                                .toList())
                        + " (compelled). Such orders put systems and other users at risk and go beyond the"
                        + " production of data that the person holds."
                        + (severity == Severity.BAR
                                ? " " + context.input().requested() + "'s policy pack makes them a bar."
                                : ""),
                List.of("compelled"),
                "Ask only for data the person holds or controls, in intelligible form where it can be produced;"
                        + " never for keys, credentials or weakened security.");
    }
}
