package org.comity.jurisdiction.importing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.shared.Violation;
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
 * Reads a YAML file as a tree that remembers line numbers, and collects every problem found while a
 * reader walks it, so an import can report all of them at once, each with its line. Bounded: no
 * aliases, limited size, so a hostile file cannot blow up memory.
 */
final class YamlDocument {

    static final int MAX_CHARACTERS = 2_000_000;

    /** A node with the path that led to it, for messages. */
    record At(Node node, String path) {
        int line() {
            return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        }
    }

    private final List<Violation> problems = new ArrayList<>();

    List<Violation> problems() {
        return problems;
    }

    Optional<At> parse(String text) {
        if (text.length() > MAX_CHARACTERS) {
            problem("file", "file-too-large", 0, "larger than " + MAX_CHARACTERS + " characters");
            return Optional.empty();
        }
        var settings = LoadSettings.builder()
                .setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(0)
                .setCodePointLimit(MAX_CHARACTERS)
                .build();
        try {
            return new Compose(settings).composeString(text).map(node -> new At(node, ""));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            problem("file", "yaml-syntax", line, "not valid YAML: " + e.getProblem());
            return Optional.empty();
        } catch (YamlEngineException e) {
            problem("file", "yaml-syntax", 0, "not valid YAML");
            return Optional.empty();
        }
    }

    void problem(String field, String rule, int line, String message) {
        problems.add(new Violation(
                field.isEmpty() ? "file" : field, rule, (line > 0 ? "line " + line + ": " : "") + message));
    }

    void problem(At at, String rule, String message) {
        problem(at.path(), rule, at.line(), message);
    }

    /** The keys of a mapping; reports a problem and returns empty if the node is not a mapping. */
    Map<String, At> mapping(At at) {
        var result = new LinkedHashMap<String, At>();
        if (!(at.node() instanceof MappingNode mapping)) {
            problem(at, "expected-mapping", "expected a mapping (key: value lines)");
            return result;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                var path = at.path().isEmpty() ? key.getValue() : at.path() + "." + key.getValue();
                result.put(key.getValue(), new At(tuple.getValueNode(), path));
            } else {
                problem(new At(tuple.getKeyNode(), at.path()), "expected-scalar-key", "keys must be plain words");
            }
        }
        return result;
    }

    /** Reports keys a reader does not know: a typo must not silently drop a fact. */
    void onlyKeys(At at, Map<String, At> keys, List<String> allowed) {
        for (var entry : keys.entrySet()) {
            if (!allowed.contains(entry.getKey())) {
                problem(
                        entry.getValue(),
                        "unknown-key",
                        "unknown key '" + entry.getKey() + "'; expected one of " + allowed);
            }
        }
    }

    List<At> sequence(At at) {
        if (!(at.node() instanceof SequenceNode sequence)) {
            problem(at, "expected-list", "expected a list");
            return List.of();
        }
        var items = new ArrayList<At>();
        var nodes = sequence.getValue();
        for (int i = 0; i < nodes.size(); i++) {
            items.add(new At(nodes.get(i), at.path() + "[" + i + "]"));
        }
        return items;
    }

    Optional<String> scalar(At at) {
        if (at.node() instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problem(at, "expected-value", "expected a single value");
        return Optional.empty();
    }

    /** A required text value. */
    Optional<String> text(Map<String, At> keys, String key, At parent) {
        var at = keys.get(key);
        if (at == null) {
            problem(
                    parent.path().isEmpty() ? key : parent.path() + "." + key,
                    "required",
                    parent.line(),
                    "'" + key + "' is required");
            return Optional.empty();
        }
        return scalar(at).filter(value -> {
            if (value.isBlank()) {
                problem(at, "required", "'" + key + "' must not be empty");
                return false;
            }
            return true;
        });
    }

    Optional<String> optionalText(Map<String, At> keys, String key) {
        var at = keys.get(key);
        if (at == null
                || (at.node() instanceof ScalarNode s
                        && (s.getValue().isEmpty() || s.getValue().equals("null")))) {
            return Optional.empty();
        }
        return scalar(at);
    }
}
