package org.comity.safeguards.domain;

import java.util.List;
import java.util.Map;

/**
 * Runs the requested State's policy-pack rules. Each was compiled and its citations resolved when the
 * pack was loaded; a condition that fails at run time is reported as a bar rather than skipped, so a
 * broken rule never silently lets a request through.
 */
final class PolicyPackRules implements Rule {

    @Override
    public String id() {
        return "policy-pack";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var pack = context.pack();
        if (pack.rules().isEmpty()) {
            return;
        }
        Map<String, Object> facts = PolicyFacts.of(context);
        for (PolicyPack.PackRule rule : pack.rules()) {
            // A pack names citation keys; like the built-in rules, a request under another instrument
            // cites that instrument's article where the citations file has one (key@instrument).
            var cited = context.citations().forInstrument(context.instrument(), rule.citationKeys());
            boolean holds;
            try {
                holds = rule.condition().holds(facts);
            } catch (RuntimeException e) {
                findings.add(
                        "pack:" + rule.id(),
                        org.comity.safeguards.Severity.BAR,
                        cited,
                        "Rule " + rule.id() + " of policy pack " + pack.id() + " (line " + rule.line()
                                + ") could not be evaluated on this request: " + e.getMessage(),
                        List.of(),
                        "Correct the policy pack; until then the request cannot be decided on it.");
                continue;
            }
            if (holds) {
                findings.add(
                        "pack:" + rule.id(),
                        rule.severity(),
                        cited,
                        rule.explanation() + " (" + pack.state() + " policy pack " + pack.id() + " v" + pack.version()
                                + ")",
                        rule.fields(),
                        rule.resolution());
            }
        }
    }
}
