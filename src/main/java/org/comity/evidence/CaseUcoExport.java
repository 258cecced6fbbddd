package org.comity.evidence;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A package's provenance in the CASE/UCO ontology (CASE 1.4, UCO 1.4), as JSON-LD, the interchange
 * format of digital-forensics tools: a {@code case-investigation:ProvenanceRecord} for the package
 * (its exhibit number the package id) naming its items; each item a {@code uco-observable:File} with a
 * {@code FileFacet} (name, size) and a {@code ContentDataFacet} (media type, size, SHA-256); its
 * collection an {@code InvestigativeAction} performed by its source at the time collected; and every
 * custody record an {@code InvestigativeAction} named by its act code, at its time, by its actor, on
 * the package or the item. Node ids are {@code urn:uuid:} IRIs, derived ones stable across exports.
 */
public final class CaseUcoExport {

    /** The namespaces, as the ontologies' own Turtle files declare them. */
    public static final Map<String, String> CONTEXT = contexts();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CaseUcoExport() {}

    private static Map<String, String> contexts() {
        var c = new LinkedHashMap<String, String>();
        c.put("case-investigation", "https://ontology.caseontology.org/case/investigation/");
        c.put("uco-action", "https://ontology.unifiedcyberontology.org/uco/action/");
        c.put("uco-core", "https://ontology.unifiedcyberontology.org/uco/core/");
        c.put("uco-identity", "https://ontology.unifiedcyberontology.org/uco/identity/");
        c.put("uco-observable", "https://ontology.unifiedcyberontology.org/uco/observable/");
        c.put("uco-types", "https://ontology.unifiedcyberontology.org/uco/types/");
        c.put("uco-vocabulary", "https://ontology.unifiedcyberontology.org/uco/vocabulary/");
        c.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        return java.util.Collections.unmodifiableMap(c);
    }

    static String of(PackageView p, List<CustodyExport.Record> custody) {
        var root = JSON.createObjectNode();
        var context = root.putObject("@context");
        CONTEXT.forEach(context::put);
        var graph = root.putArray("@graph");

        var record = graph.addObject();
        record.put("@id", id(p.id()));
        record.put("@type", "case-investigation:ProvenanceRecord");
        record.put("case-investigation:exhibitNumber", p.id().toString());
        var objects = record.putArray("uco-core:object");
        p.items().forEach(i -> objects.addObject().put("@id", id(i.id())));

        Map<String, String> identities = new LinkedHashMap<>();
        for (ItemView item : p.items()) {
            var file = graph.addObject();
            file.put("@id", id(item.id()));
            file.put("@type", "uco-observable:File");
            var facets = file.putArray("uco-core:hasFacet");
            var fileFacet = facets.addObject();
            fileFacet.put("@id", derived("file-facet", item.id()));
            fileFacet.put("@type", "uco-observable:FileFacet");
            fileFacet.put("uco-observable:fileName", item.fileName());
            typed(fileFacet, "uco-observable:sizeInBytes", "xsd:integer", Long.toString(item.sizeBytes()));
            var content = facets.addObject();
            content.put("@id", derived("content-facet", item.id()));
            content.put("@type", "uco-observable:ContentDataFacet");
            content.put("uco-observable:mimeType", item.mediaType());
            typed(content, "uco-observable:sizeInBytes", "xsd:integer", Long.toString(item.sizeBytes()));
            if (item.sha256() != null) {
                var hash = content.putArray("uco-observable:hash").addObject();
                hash.put("@id", derived("sha256", item.id()));
                hash.put("@type", "uco-types:Hash");
                // As UCO 1.4.0 asks (its shapes warn of the vocabulary datatype, an error from UCO 2.0.0).
                typed(hash, "uco-types:hashMethod", "xsd:string", "SHA256");
                typed(hash, "uco-types:hashValue", "xsd:hexBinary", item.sha256());
            }
            var source = identity(identities, item.sourceKind() + ":" + item.sourceName());
            var collection = graph.addObject();
            collection.put("@id", derived("collection", item.id()));
            collection.put("@type", "case-investigation:InvestigativeAction");
            collection.put("uco-core:name", "collected");
            collection.put("uco-core:description", "order " + item.orderReference());
            typed(
                    collection,
                    "uco-action:startTime",
                    "xsd:dateTime",
                    item.collectedAt().toString());
            collection.putObject("uco-action:performer").put("@id", source);
            collection.putArray("uco-action:result").addObject().put("@id", id(item.id()));
        }
        for (var r : custody) {
            var performer = identity(identities, "actor:" + r.actor());
            var action = graph.addObject();
            action.put("@id", derived("custody-" + r.index(), p.id()));
            action.put("@type", "case-investigation:InvestigativeAction");
            action.put("uco-core:name", r.act());
            action.put("uco-core:description", r.detail());
            typed(action, "uco-action:startTime", "xsd:dateTime", r.at().toString());
            action.putObject("uco-action:performer").put("@id", performer);
            action.putArray("uco-action:object").addObject().put("@id", r.item() != null ? id(r.item()) : id(p.id()));
        }
        identities.forEach((key, nodeId) -> {
            var identity = graph.addObject();
            identity.put("@id", nodeId);
            identity.put("@type", key.startsWith("provider:") ? "uco-identity:Organization" : "uco-identity:Identity");
            identity.put("uco-core:name", key.substring(key.indexOf(':') + 1));
        });
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static String identity(Map<String, String> identities, String key) {
        return identities.computeIfAbsent(
                key, k -> "urn:uuid:" + UUID.nameUUIDFromBytes(("identity/" + k).getBytes(StandardCharsets.UTF_8)));
    }

    private static void typed(ObjectNode node, String property, String type, String value) {
        var literal = node.putObject(property);
        literal.put("@type", type);
        literal.put("@value", value);
    }

    private static String id(UUID id) {
        return "urn:uuid:" + id;
    }

    private static String derived(String what, UUID of) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes((what + "/" + of).getBytes(StandardCharsets.UTF_8));
    }
}
