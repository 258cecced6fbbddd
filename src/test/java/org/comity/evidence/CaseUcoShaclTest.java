package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFWriter;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CASE/UCO export validated by a SHACL engine (Apache Jena) against the shapes of UCO 1.4.0 and
 * CASE 1.4.0 themselves, vendored under {@code evidence/case-uco-1.4.0} with their licence. As the CASE
 * project's {@code case_validate} does, the ontology is added to the data graph, so that the shapes of
 * a class reach the instances of its subclasses.
 */
class CaseUcoShaclTest {

    static final String[] ONTOLOGY = {
        "uco-action",
        "uco-analysis",
        "uco-configuration",
        "uco-core",
        "uco-identity",
        "uco-location",
        "uco-marking",
        "uco-observable",
        "uco-pattern",
        "uco-role",
        "uco-time",
        "uco-tool",
        "uco-types",
        "uco-victim",
        "uco-vocabulary",
        "case-investigation",
        "case-vocabulary"
    };

    static final String SH = "http://www.w3.org/ns/shacl#";

    static Graph ontology;
    static Shapes shapes;

    @BeforeAll
    static void theShapes() {
        ontology = GraphFactory.createDefaultGraph();
        for (var name : ONTOLOGY) {
            try (InputStream in =
                    CaseUcoShaclTest.class.getResourceAsStream("/evidence/case-uco-1.4.0/" + name + ".ttl")) {
                RDFParser.source(in).lang(Lang.TURTLE).parse(ontology);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(withoutUngroupedSelects(ontology))
                .as("UCO 1.4.0's two dictionary-key constraints")
                .isEqualTo(2);
        shapes = Shapes.parse(ontology);
    }

    /**
     * Removes the SPARQL constraints whose query selects {@code $this} but groups by another variable:
     * not valid SPARQL 1.1 (Jena refuses it, rdflib lets it pass). UCO 1.4.0 has two, on
     * {@code types:Dictionary} and {@code types:ProperDictionary} (a key appearing twice); the export
     * has no dictionary, so nothing it could violate is lost.
     */
    static int withoutUngroupedSelects(Graph graph) {
        var sparql = NodeFactory.createURI(SH + "sparql");
        var select = NodeFactory.createURI(SH + "select");
        var removed = graph.find(Node.ANY, sparql, Node.ANY).toList().stream()
                .filter(t -> graph.find(t.getObject(), select, Node.ANY).toList().stream()
                        .map(q -> q.getObject().getLiteralLexicalForm())
                        .anyMatch(q -> q.contains("SELECT $this ?value") && q.contains("GROUP BY ?value")))
                .toList();
        removed.forEach(graph::delete);
        return removed.size();
    }

    static ValidationReport validate(String document) {
        var data = GraphFactory.createDefaultGraph();
        RDFParser.fromString(document, Lang.JSONLD).parse(data);
        ontology.find().forEachRemaining(data::add);
        return ShaclValidator.get().validate(shapes, data);
    }

    static String text(ValidationReport report) {
        return RDFWriter.source(report.getGraph()).lang(Lang.TURTLE).asString();
    }

    static String export() {
        var packageId = UUID.randomUUID();
        var itemId = UUID.randomUUID();
        var at = Instant.parse("2026-03-02T09:00:00Z");
        var custody = List.of(
                new CustodyExport.Record(0, at, "caseworker", "created", null, "request=x", "0", "1", "k", "s"),
                new CustodyExport.Record(
                        1,
                        at,
                        "caseworker",
                        "item-added",
                        itemId,
                        "sha256=" + CaseUcoExportTest.SHA,
                        "1",
                        "2",
                        "k",
                        "s"),
                new CustodyExport.Record(2, at, "supervisor", "sealed", null, "manifest=x", "2", "3", "k", "s"));
        return CaseUcoExport.of(CaseUcoExportTest.sealedPackage(packageId, itemId), custody);
    }

    @Test
    void theShapesAreReadAndTheExportConformsToThem() {
        assertThat(shapes.numShapes()).as("shapes in UCO and CASE 1.4.0").isGreaterThan(100);
        var report = validate(export());
        assertThat(report.conforms()).as(text(report)).isTrue();
    }

    @Test
    void aValueOfTheWrongDatatypeOrAnInventedHashMethodDoesNotConform() {
        var document = export();
        var wrongSize = document.replaceFirst(
                "\"uco-observable:sizeInBytes\"\\s*:\\s*\\{[^}]*\\}", "\"uco-observable:sizeInBytes\": \"five\"");
        assertThat(wrongSize).isNotEqualTo(document);
        assertThat(validate(wrongSize).conforms()).isFalse();

        var inventedMethod = document.replace("\"SHA256\"", "\"SHA-257\"");
        assertThat(inventedMethod).isNotEqualTo(document);
        var report = validate(inventedMethod);
        assertThat(report.conforms()).isFalse();
        assertThat(new String(text(report).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("hashMethod");
    }
}
