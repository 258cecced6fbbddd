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
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE, Attribution.REQUESTED_STATE_LAW);
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
                configured != Severity.GROUND && severity == configured
                        ? context.requestedStateLaw()
                        : Context.ADVISORY,
                List.of("compelled-assistance"),
                Findings.message(
                        "compelled-assistance",
                        "orders",
                        compelled.stream()
                                .map(c -> "@compelled."
                                        + c.name()
                                                .toLowerCase(java.util.Locale.ROOT)
                                                .replace('_', '-'))
                                .toList(),
                        "uncc",
                        context.underUncc() ? "yes" : "no",
                        "severity",
                        configured != Severity.GROUND && severity == configured
                                ? "pack" + severity.code()
                                : severity.code(),
                        "state",
                        context.requested()),
                List.of("compelled"));
    }
}
