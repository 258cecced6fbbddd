package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a CASE/UCO JSON-LD document against the ontologies' vocabulary, read from
 * {@code evidence/case-uco-terms.txt} (terms and namespaces taken from UCO 1.4.0 and CASE 1.4.0's
 * Turtle files): the context maps each prefix to its official namespace, every class and property
 * used is one the ontologies define, typed literals are of their datatype's lexical form, hash
 * methods are in {@code HashNameVocab}, and every node referenced is in the graph. The SHACL
 * validation against the ontologies' own shapes is {@code CaseUcoShaclTest}; this lighter check, also run on the
 * export of two nodes (EvidenceTransferTest), catches a misspelt or invented term, a wrong namespace and a
 * dangling reference.
 */
final class CaseUcoValidation {

    private final Set<String> terms = new HashSet<>();
    private final Map<String, String> namespaces = new HashMap<>();

    CaseUcoValidation() {
        try (InputStream in = CaseUcoValidation.class.getResourceAsStream("/evidence/case-uco-terms.txt")) {
            for (var line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("@prefix ")) {
                    var parts = line.substring(8).split(" ");
                    namespaces.put(parts[0].substring(0, parts[0].length() - 1), parts[1]);
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    terms.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document as parsed, once every check held. */
    JsonNode validate(String document) {
        var root = JsonMapper.builder().build().readTree(document);
        var context = root.required("@context");
        assertThat(context.propertyNames()).isSubsetOf(namespaces.keySet());
        context.properties()
                .forEach(e -> assertThat(e.getValue().asString())
                        .as("namespace of %s", e.getKey())
                        .isEqualTo(namespaces.get(e.getKey())));
        var ids = new HashSet<String>();
        var references = new HashSet<String>();
        for (var node : root.required("@graph")) {
            assertThat(node.path("@id").asString()).startsWith("urn:uuid:");
            assertThat(ids.add(node.get("@id").asString()))
                    .as("one node per id")
                    .isTrue();
            walk(node, ids, references);
        }
        assertThat(ids).as("every node referenced is in the graph").containsAll(references);
        return root;
    }

    private void walk(JsonNode node, Set<String> ids, Set<String> references) {
        if (node.isArray()) {
            node.forEach(n -> walk(n, ids, references));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        if (node.has("@value")) {
            literal(node.required("@type").asString(), node.get("@value").asString());
            return;
        }
        if (node.size() == 1 && node.has("@id")) {
            references.add(node.get("@id").asString());
            return;
        }
        if (node.has("@type")) {
            assertThat(terms).as("class").contains(node.get("@type").asString());
            if (node != null && node.has("@id") && !ids.contains(node.get("@id").asString())) {
                ids.add(node.get("@id").asString()); // a node nested in another (a facet, a hash)
            }
        }
        for (var e : node.properties()) {
            if (!e.getKey().startsWith("@")) {
                assertThat(terms).as("property").contains(e.getKey());
                walk(e.getValue(), ids, references);
            }
        }
    }

    private void literal(String type, String value) {
        switch (type) {
            case "xsd:integer" -> assertThat(value).matches("-?[0-9]+");
            case "xsd:dateTime" -> OffsetDateTime.parse(value);
            case "xsd:hexBinary" -> assertThat(value).matches("([0-9a-fA-F]{2})*");
            // Only hash methods are strings here; UCO 1.4.0 wants them as xsd:string, from HashNameVocab.
            case "xsd:string" -> assertThat(terms).contains("hash:" + value);
            default -> throw new AssertionError("a literal of an unexpected datatype: " + type);
        }
    }
}
