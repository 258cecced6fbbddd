package org.comity.safeguards.domain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.jurisdiction.Profile;
import org.comity.safeguards.Assessment;
import org.comity.safeguards.InputsUsed;

/**
 * Runs every rule over one context and returns the findings in a fixed order (severity, rule, fields,
 * text), so the outcome never depends on the order rules are listed in.
 */
public final class Assessor {

    /** Changes whenever a built-in rule changes what it finds: recorded with every assessment. */
    public static final String ENGINE_VERSION = "safeguards-rules/5";

    /** Beyond this many cached fingerprints the cache starts again: replaced profiles are never asked for. */
    private static final int FINGERPRINTS_KEPT = 256;

    private final List<Rule> rules;

    /**
     * Profile fingerprints by profile identity. Profiles are loaded once and shared until an import
     * replaces them, and fingerprinting one walks its whole offence catalogue: uncached it was a third of
     * every assessment. Identity, not equals: an equal copy simply gets its own (equal) fingerprint.
     */
    private final Map<Identity, String> fingerprints = new ConcurrentHashMap<>();

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
        var findings = new Findings(context.citations(), context.instrument());
        for (Rule rule : rules) {
            rule.assess(context, findings);
        }
        return new Assessment(
                context.input().requestId(), context.input().version(), inputsUsed(context), findings.ordered());
    }

    private InputsUsed inputsUsed(Context context) {
        return new InputsUsed(
                ENGINE_VERSION,
                legalBasis(context),
                context.requestingProfile().map(this::fingerprint).orElse("none"),
                context.requestedProfile().map(this::fingerprint).orElse("none"),
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

    private String fingerprint(Profile profile) {
        var key = new Identity(profile);
        var known = fingerprints.get(key);
        if (known != null) {
            return known;
        }
        if (fingerprints.size() >= FINGERPRINTS_KEPT) {
            fingerprints.clear();
        }
        var computed = profile(profile);
        fingerprints.put(key, computed);
        return computed;
    }

    private record Identity(Profile profile) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity that && that.profile == profile;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(profile);
        }
    }

    /** A fingerprint stable across runs: built from the offences' text, never from identity hashes. */
    static String profile(Profile p) {
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
        // Coverage and statements of non-criminality change answers as much as offences do; a profile
        // without them (imported before they existed) keeps the fingerprint it had.
        for (var c : p.coverage()) {
            text.append("covers|").append(new java.util.TreeSet<>(c.conduct())).append('\n');
        }
        for (var n : p.notOffences()) {
            // The finding quotes the statement, so a reworded statement is a changed input.
            text.append("not|")
                    .append(n.conduct())
                    .append('|')
                    .append(n.statement())
                    .append('\n');
        }
        return p.state() + "@" + p.asOf() + "#"
                + Integer.toHexString(text.toString().hashCode());
    }
}
