package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A package's provenance as CASE/UCO JSON-LD, checked against the ontologies' terms and namespaces. */
class CaseUcoExportTest {

    static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    static final String SHA = "ab".repeat(32);

    static PackageView sealedPackage(UUID packageId, UUID itemId) {
        var item = new ItemView(
                itemId,
                packageId,
                "mailbox.mbox",
                "application/mbox",
                "XB-ORDER-7",
                "provider",
                "Provider One",
                AT.minusSeconds(86_400),
                5,
                5,
                "stored",
                SHA,
                AT,
                "caseworker");
        return new PackageView(
                packageId,
                UUID.randomUUID(),
                "sealed",
                AT,
                "caseworker",
                AT.plusSeconds(86_400 * 365),
                false,
                2,
                AT,
                "caseworker",
                "cd".repeat(32),
                "ef".repeat(32),
                "c2lnbmF0dXJl",
                List.of(item));
    }

    @Test
    void theExportUsesOnlyTheOntologiesTermsAndNamesEveryItemWithItsHashAndItsCustody() {
        var packageId = UUID.randomUUID();
        var itemId = UUID.randomUUID();
        var custody = List.of(
                new CustodyExport.Record(0, AT, "caseworker", "created", null, "request=x", "0", "1", "k", "s"),
                new CustodyExport.Record(
                        1, AT, "caseworker", "item-added", itemId, "sha256=" + SHA, "1", "2", "k", "s"),
                new CustodyExport.Record(2, AT, "supervisor", "sealed", null, "manifest=x", "2", "3", "k", "s"));

        var root = new CaseUcoValidation().validate(CaseUcoExport.of(sealedPackage(packageId, itemId), custody));

        var graph = root.get("@graph");
        var record = graph.get(0);
        assertThat(record.get("@type").asString()).isEqualTo("case-investigation:ProvenanceRecord");
        assertThat(record.get("case-investigation:exhibitNumber").asString()).isEqualTo(packageId.toString());
        assertThat(record.get("uco-core:object").get(0).get("@id").asString()).isEqualTo("urn:uuid:" + itemId);
        var file = graph.get(1);
        assertThat(file.get("@type").asString()).isEqualTo("uco-observable:File");
        var hash =
                file.get("uco-core:hasFacet").get(1).get("uco-observable:hash").get(0);
        assertThat(hash.get("uco-types:hashValue").get("@value").asString()).isEqualTo(SHA);
        assertThat(hash.get("uco-types:hashMethod").get("@value").asString()).isEqualTo("SHA256");
        assertThat(graph.valueStream()
                        .filter(n -> n.path("@type").asString("").equals("case-investigation:InvestigativeAction"))
                        .map(n -> n.get("uco-core:name").asString())
                        .toList())
                .containsExactly("collected", "created", "item-added", "sealed");
    }

    @Test
    void theValidationCatchesAnInventedTermAWrongNamespaceAndADanglingReference() {
        var export = CaseUcoExport.of(sealedPackage(UUID.randomUUID(), UUID.randomUUID()), List.of());
        var validation = new CaseUcoValidation();
        assertThatThrownBy(
                        () -> validation.validate(export.replace("uco-observable:fileName", "uco-observable:filename")))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> validation.validate(export.replace(
                        "https://ontology.unifiedcyberontology.org/uco/core/", "https://example.org/uco/core/")))
                .isInstanceOf(AssertionError.class);
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        var moved = (tools.jackson.databind.node.ObjectNode) json.readTree(export);
        ((tools.jackson.databind.node.ObjectNode) moved.get("@graph").get(1))
                .put("@id", "urn:uuid:00000000-0000-0000-0000-000000000000");
        assertThatThrownBy(() -> validation.validate(json.writeValueAsString(moved)))
                .isInstanceOf(AssertionError.class);
    }
}
