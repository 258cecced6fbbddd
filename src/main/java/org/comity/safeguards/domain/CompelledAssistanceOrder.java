package org.comity.safeguards.domain;

import java.util.List;
import java.util.TreeSet;
import org.comity.safeguards.CompelledAssistance;
import org.comity.safeguards.Severity;

/**
 * The Convention has each State empower its authorities to order a person who knows a system to give,
 * as is reasonable, the information needed for a search; it does not require orders to disclose keys
 * or weaken security, and where the person is the suspect the privilege against self-incrimination may
 * apply. The severity is Comity policy, or the requested State's: a refusal ground by default
 * (unlocking a device only: a concern), a bar where the policy pack says so.
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
                        + " (compelled)."
                        + (context.underUncc()
                                ? " The UN Convention allows reasonable orders to provide the information needed"
                                        + " for a search; it does not require orders to hand over keys or weaken"
                                        + " security."
                                : "")
                        + " Such orders put systems and other users at risk, and where the person is the suspect"
                        + " the privilege against self-incrimination may apply."
                        + (severity == Severity.BAR
                                ? " " + context.requested() + "'s policy pack makes them a bar."
                                : " Comity's default policy makes them a " + severity.code() + "."),
                List.of("compelled"),
                "Ask for the data the person holds or controls, in intelligible form where it can be produced,"
                        + " or for information reasonably needed for a search. Comity policy: never ask for keys,"
                        + " credentials or weakened security.");
    }
}
