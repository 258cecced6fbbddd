package org.comity.safeguards.policy;

import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.comity.safeguards.Characteristic;
import org.comity.safeguards.Severity;
import org.comity.safeguards.domain.Citations;
import org.comity.safeguards.domain.PolicyPack;
import org.comity.shared.CountryCode;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one policy pack file: header, settings for the built-in rules, and extra rules whose {@code
 * when} is a CEL expression over the variable {@code request} (see docs/safeguards.md). Every
 * expression is parsed and type-checked to a boolean at load; every citation key is resolved. A pack
 * with any problem is rejected whole, listing each problem with its line: a broken pack never loads
 * with a rule silently missing.
 */
public final class PolicyPackFile {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final String file;
    private final Citations citations;
    private final List<PolicyPackProblems.Problem> problems = new ArrayList<>();
    private CountryCode state;
    private int version;

    private PolicyPackFile(String file, Citations citations) {
        this.file = file;
        this.citations = citations;
    }

    /** Parses and checks one pack; throws {@link PolicyPackProblems} listing every problem. */
    public static PolicyPack read(String file, String text, Citations citations) {
        var reader = new PolicyPackFile(file, citations);
        var pack = reader.parse(text);
        if (!reader.problems.isEmpty() || pack.isEmpty()) {
            // In file order, as a person fixing the file reads it (the sort is stable within a line).
            var byLine = reader.problems.stream()
                    .sorted(java.util.Comparator.comparingInt(PolicyPackProblems.Problem::line))
                    .toList();
            throw new PolicyPackProblems(file, byLine, reader.state, reader.version);
        }
        return pack.get();
    }

    private Optional<PolicyPack> parse(String text) {
        Node root;
        try {
            var settings = LoadSettings.builder()
                    .setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(0)
                    .setCodePointLimit(500_000)
                    .build();
            var composed = new Compose(settings).composeString(text);
            if (composed.isEmpty() || !(composed.get() instanceof MappingNode)) {
                problem(1, "a policy pack is a YAML map");
                return Optional.empty();
            }
            root = composed.get();
        } catch (MarkedYamlEngineException e) {
            problem(e.getProblemMark().map(m -> m.getLine() + 1).orElse(0), "not valid YAML: " + e.getProblem());
            return Optional.empty();
        } catch (YamlEngineException e) {
            problem(0, "not valid YAML");
            return Optional.empty();
        }
        var map = (MappingNode) root;
        var known = List.of("pack", "state", "version", "settings", "rules", "description");
        unknownKeys(map, known);
        var id = scalar(map, "pack", true).orElse("");
        if (!id.isEmpty() && !id.matches("[a-z0-9][a-z0-9-]{0,60}")) {
            problem(line(map, "pack"), "pack: an id in kebab case");
        }
        var stateText = scalar(map, "state", true);
        if (stateText.isPresent()) {
            try {
                state = CountryCode.of(stateText.get());
            } catch (IllegalArgumentException e) {
                problem(line(map, "state"), "state: " + e.getMessage());
            }
        }
        var versionText = scalar(map, "version", true);
        if (versionText.isPresent()) {
            try {
                version = Integer.parseInt(versionText.get());
                if (version < 1) {
                    version = 0;
                    problem(line(map, "version"), "version: a whole number from 1");
                }
            } catch (NumberFormatException e) {
                problem(line(map, "version"), "version: a whole number from 1");
            }
        }
        var settings = settings(map);
        var rules = new ArrayList<PolicyPack.PackRule>();
        var rulesNode = value(map, "rules");
        if (rulesNode.isPresent()) {
            if (rulesNode.get() instanceof SequenceNode seq) {
                var ids = new HashSet<String>();
                for (Node n : seq.getValue()) {
                    rule(n, ids).ifPresent(rules::add);
                }
            } else {
                problem(lineOf(rulesNode.get()), "rules: a list of rules");
            }
        }
        if (!problems.isEmpty() || state == null) {
            return Optional.empty();
        }
        return Optional.of(new PolicyPack(id, state, version, sha256(text), settings, rules));
    }

    private PolicyPack.Settings settings(MappingNode root) {
        var node = value(root, "settings");
        if (node.isEmpty()) {
            return PolicyPack.Settings.DEFAULTS;
        }
        if (!(node.get() instanceof MappingNode map)) {
            problem(lineOf(node.get()), "settings: a map");
            return PolicyPack.Settings.DEFAULTS;
        }
        unknownKeys(
                map,
                List.of(
                        "extra_persecution_grounds",
                        "death_penalty",
                        "death_penalty_for_evidence",
                        "compelled_assistance",
                        "long_period_days",
                        "many_subjects",
                        "repeated_subject_requests",
                        "repeated_subject_states",
                        "state_record_refusals",
                        "pattern_window_days"));
        var defaults = PolicyPack.Settings.DEFAULTS;
        var grounds = EnumSet.noneOf(Characteristic.class);
        value(map, "extra_persecution_grounds").ifPresent(n -> {
            for (var item : list(n, "extra_persecution_grounds")) {
                try {
                    grounds.add(Characteristic.ofCode(item));
                } catch (IllegalArgumentException e) {
                    problem(lineOf(n), "extra_persecution_grounds: " + e.getMessage());
                }
            }
        });
        var deathPenalty = defaults.deathPenalty();
        var dp = scalar(map, "death_penalty", false);
        if (dp.isPresent()) {
            try {
                deathPenalty = PolicyPack.DeathPenalty.valueOf(
                        dp.get().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                problem(
                        line(map, "death_penalty"),
                        "death_penalty: one of ground-without-assurances, bar-without-assurances, absolute-bar");
            }
        }
        boolean forEvidence = bool(map, "death_penalty_for_evidence", defaults.deathPenaltyForEvidence());
        var compelled = defaults.compelledAssistance();
        var ca = scalar(map, "compelled_assistance", false);
        if (ca.isPresent()) {
            compelled = severity(ca.get(), line(map, "compelled_assistance"), "compelled_assistance");
        }
        var thresholds = new java.util.HashMap<String, Integer>();
        for (String key : PolicyPack.Thresholds.KEYS) {
            var text = scalar(map, key, false);
            if (text.isEmpty()) {
                continue;
            }
            int minimum = PolicyPack.Thresholds.minimum(key);
            try {
                int value = Integer.parseInt(text.get());
                if (value < minimum || value > 100_000) {
                    throw new NumberFormatException();
                }
                thresholds.put(key, value);
            } catch (NumberFormatException e) {
                problem(line(map, key), key + ": a whole number from " + minimum + " to 100000");
            }
        }
        return new PolicyPack.Settings(
                grounds, deathPenalty, forEvidence, compelled, PolicyPack.Thresholds.of(thresholds));
    }

    private Optional<PolicyPack.PackRule> rule(Node node, java.util.Set<String> ids) {
        int line = lineOf(node);
        if (!(node instanceof MappingNode map)) {
            problem(line, "each rule is a map");
            return Optional.empty();
        }
        int before = problems.size();
        unknownKeys(map, List.of("id", "severity", "when", "cite", "fields", "explanation", "resolution"));
        var id = scalar(map, "id", true).orElse("");
        if (!id.isEmpty() && !id.matches("[a-z0-9][a-z0-9-]{0,80}")) {
            problem(line(map, "id"), "id: kebab case");
        }
        if (!id.isEmpty() && !ids.add(id)) {
            problem(line(map, "id"), "id: '" + id + "' is used by another rule of this pack");
        }
        var severity = scalar(map, "severity", true)
                .map(s -> severity(s, line(map, "severity"), "severity"))
                .orElse(Severity.NOTE);
        var explanation = scalar(map, "explanation", true).orElse("");
        var resolution = scalar(map, "resolution", true).orElse("");
        var cite = value(map, "cite").map(n -> list(n, "cite")).orElse(List.of());
        if (cite.isEmpty()) {
            problem(line, "rule '" + id + "': cite at least one citation key of safeguards/citations.yaml");
        }
        for (String key : cite) {
            if (!citations.has(key)) {
                problem(line(map, "cite"), "cite: no citation key '" + key + "' in safeguards/citations.yaml");
            }
        }
        var fields = value(map, "fields").map(n -> list(n, "fields")).orElse(List.of());
        var when = scalar(map, "when", true);
        PolicyPack.Condition condition = null;
        if (when.isPresent()) {
            condition = compile(when.get(), line(map, "when"));
        }
        if (problems.size() > before || condition == null) {
            return Optional.empty();
        }
        return Optional.of(
                new PolicyPack.PackRule(id, severity, cite, explanation, fields, resolution, condition, line));
    }

    private PolicyPack.Condition compile(String expression, int line) {
        try {
            var ast = COMPILER.compile(expression).getAst();
            var program = RUNTIME.createProgram(ast);
            return facts -> {
                try {
                    return Boolean.TRUE.equals(program.eval(facts));
                } catch (CelEvaluationException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            };
        } catch (CelValidationException e) {
            for (var issue : e.getErrors()) {
                var at = issue.getSourceLocation();
                problem(
                        line + Math.max(0, at.getLine() - 1),
                        "when: " + issue.getMessage()
                                + (at.getColumn() >= 0 ? " (column " + (at.getColumn() + 1) + ")" : ""));
            }
            if (e.getErrors().isEmpty()) {
                problem(line, "when: " + e.getMessage());
            }
            return null;
        } catch (CelEvaluationException e) {
            problem(line, "when: " + e.getMessage());
            return null;
        }
    }

    private Severity severity(String text, int line, String key) {
        try {
            return Severity.ofCode(text);
        } catch (IllegalArgumentException e) {
            problem(line, key + ": " + e.getMessage());
            return Severity.NOTE;
        }
    }

    private boolean bool(MappingNode map, String key, boolean fallback) {
        var v = scalar(map, key, false);
        if (v.isEmpty()) {
            return fallback;
        }
        if (!v.get().equals("true") && !v.get().equals("false")) {
            problem(line(map, key), key + ": true or false");
            return fallback;
        }
        return Boolean.parseBoolean(v.get());
    }

    private List<String> list(Node node, String key) {
        if (!(node instanceof SequenceNode seq)) {
            problem(lineOf(node), key + ": a list");
            return List.of();
        }
        var items = new ArrayList<String>();
        for (Node n : seq.getValue()) {
            if (n instanceof ScalarNode s && !s.getValue().isBlank()) {
                items.add(s.getValue().strip());
            } else {
                problem(lineOf(n), key + ": each item is a word");
            }
        }
        return items;
    }

    private Optional<String> scalar(MappingNode map, String key, boolean required) {
        var node = value(map, key);
        if (node.isEmpty()) {
            if (required) {
                problem(lineOf(map), key + ": required");
            }
            return Optional.empty();
        }
        if (!(node.get() instanceof ScalarNode s) || s.getValue().isBlank()) {
            problem(lineOf(node.get()), key + ": a non-empty value");
            return Optional.empty();
        }
        return Optional.of(s.getValue().strip());
    }

    private static Optional<Node> value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }

    private void unknownKeys(MappingNode map, List<String> known) {
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || !known.contains(k.getValue())) {
                problem(
                        lineOf(t.getKeyNode()),
                        "unknown key '" + (t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?")
                                + "' (expected one of " + String.join(", ", known) + ")");
            }
        }
    }

    private static int line(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return lineOf(t.getKeyNode());
            }
        }
        return lineOf(map);
    }

    private static int lineOf(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private void problem(int line, String message) {
        problems.add(new PolicyPackProblems.Problem(line, message));
    }

    private static String sha256(String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
