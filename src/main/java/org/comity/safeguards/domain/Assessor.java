package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Assessment;
import org.comity.safeguards.InputsUsed;

/**
 * Runs every rule over one context and returns the findings in a fixed order (severity, rule, fields,
 * text), so the outcome never depends on the order rules are listed in.
 */
public final class Assessor {

    /** Changes whenever a built-in rule changes what it finds: recorded with every assessment. */
    public static final String ENGINE_VERSION = "safeguards-rules/1";

    private final List<Rule> rules;

    public Assessor(List<Rule> rules) {
        var ids = new java.util.HashSet<String>();
        for (Rule rule : rules) {
            if (!ids.add(rule.id())) {
                throw new IllegalArgumentException("two rules share the id " + rule.id());
            }
        }
        this.rules = List.copyOf(rules);
    }

    /** The built-in rules, including the one that runs the requested State's policy pack. */
    public static Assessor standard() {
        return new Assessor(Rules.all());
    }

    public List<Rule> rules() {
        return rules;
    }

    public Assessment assess(Context context) {
        var findings = new Findings(context.citations());
        for (Rule rule : rules) {
            rule.assess(context, findings);
        }
        return new Assessment(
                context.input().requestId(), context.input().version(), inputsUsed(context), findings.ordered());
    }

    static InputsUsed inputsUsed(Context context) {
        return new InputsUsed(
                ENGINE_VERSION,
                legalBasis(context),
                context.requestingProfile().map(Assessor::profile).orElse("none"),
                context.requestedProfile().map(Assessor::profile).orElse("none"),
                context.pack().label(),
                context.citations().fingerprint(),
                context.pack().settings().thresholds().label());
    }

    private static String legalBasis(Context context) {
        var basis = context.legalBasis();
        var text = new StringBuilder(basis.date().toString());
        basis.instruments()
                .forEach(o -> text.append(';')
                        .append(o.instrument())
                        .append('=')
                        .append(o.answer())
                        .append(
                                o.limitations().isEmpty()
                                        ? ""
                                        : "+" + o.limitations().size() + "limits"));
        return text.toString();
    }

    /** A fingerprint stable across runs: built from the offences' text, never from identity hashes. */
    private static String profile(org.comity.jurisdiction.Profile p) {
        var text = new StringBuilder();
        for (var o : p.offences()) {
            text.append(o.provision())
                    .append('|')
                    .append(new java.util.TreeSet<>(o.conduct()))
                    .append('|')
                    .append(o.maxPenalty())
                    .append('|')
                    .append(new java.util.TreeSet<>(o.flags()))
                    .append('\n');
        }
        return p.state() + "@" + p.asOf() + "#"
                + Integer.toHexString(text.toString().hashCode());
    }
}
