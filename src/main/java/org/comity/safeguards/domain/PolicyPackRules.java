package org.comity.safeguards.domain;

import java.util.List;
import java.util.Map;
import org.comity.treaty.Citation;

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
    public List<Attribution> attributions() {
        return List.of(Attribution.REQUESTED_STATE_LAW);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var pack = context.pack();
        if (pack.rules().isEmpty()) {
            return;
        }
        Map<String, Object> facts = PolicyFacts.of(context);
        for (PolicyPack.PackRule rule : pack.rules()) {
            boolean holds;
            try {
                holds = rule.condition().holds(facts);
            } catch (RuntimeException e) {
                findings.add(
                        "pack:" + rule.id(),
                        org.comity.safeguards.Severity.BAR,
                        context.requestedStateLaw(),
                        cited(context, rule),
                        Findings.message(
                                "pack.failed",
                                "rule",
                                rule.id(),
                                "pack",
                                pack.id(),
                                "line",
                                String.valueOf(rule.line()),
                                "error",
                                String.valueOf(e.getMessage())),
                        List.of());
                continue;
            }
            if (holds) {
                // The pack's explanation is the requested State's own wording, shown as written in every
                // language; the template only says whose pack it is.
                findings.add(
                        "pack:" + rule.id(),
                        rule.severity(),
                        context.requestedStateLaw(),
                        cited(context, rule),
                        Findings.message(
                                "pack.rule",
                                "text",
                                literal(rule.explanation()),
                                "resolution",
                                literal(rule.resolution()),
                                "state",
                                pack.state().value(),
                                "pack",
                                pack.id(),
                                "version",
                                String.valueOf(pack.version())),
                        rule.fields());
            }
        }
    }

    /**
     * A pack names citation keys; like the built-in rules, a request under another instrument cites that
     * instrument's article where the citations file has one (key@instrument). Resolved only for a rule
     * that gives a finding.
     */
    private static List<Citation> cited(Context context, PolicyPack.PackRule rule) {
        return context.citations().forInstrument(context.instrument(), rule.citationKeys());
    }

    /** Text shown as written: a leading {@code @} would otherwise name a word of the bundle. */
    private static String literal(String text) {
        return text.startsWith("@") ? "@" + text : text;
    }
}
