package org.comity.evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.UUID;
import org.comity.evidence.domain.Digest;
import org.comity.evidence.domain.KeySource;
import org.comity.evidence.domain.Manifest;
import org.comity.evidence.domain.SignedManifest;
import org.comity.evidence.domain.SigningKey;
import org.comity.evidence.domain.TransferKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two payloads of {@code evidence-notice} messages (docs/evidence.md, "Transfer between nodes"):
 * the announcement of a sealed package ({@code kind: evidence-package}) and the recipient's evidence
 * receipt ({@code kind: evidence-receipt}). Version 1; a receiver refuses any other.
 */
final class TransferDocuments {

    static final int VERSION = 1;
    static final String PACKAGE = "evidence-package";
    static final String RECEIPT = "evidence-receipt";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private TransferDocuments() {}

    /** An announcement as read, its manifest's signature checked with the key it names. */
    record Announcement(
            UUID transferId, SignedManifest manifest, byte[] signerKey, TransferKey transferKey, String manifestJson) {}

    /**
     * The announcement as the inbox keeps it: the transfer key, which arrived in the clear inside the
     * encrypted message, replaced by {@code transferKeyWrapped} — the same key wrapped by the node key
     * (bound to the transfer's id) — and {@code transferKeySource}, the node key's id. Anything else
     * passes unchanged; a {@code transferKey} member that cannot be wrapped is dropped, never kept, and
     * the announcement is then refused for lacking it.
     */
    static String keptAtRest(String payload, KeySource source) {
        if (!PACKAGE.equals(kind(payload))) {
            return payload;
        }
        var root = (tools.jackson.databind.node.ObjectNode) JSON.readTree(payload);
        if (!root.has("transferKey")) {
            return payload;
        }
        try {
            var transferId = UUID.fromString(root.required("transfer").asString());
            var key = TransferKey.fromAnnouncement(
                    B64D.decode(root.required("transferKey").asString()));
            root.remove("transferKey");
            root.put("transferKeyWrapped", B64.encodeToString(key.wrap(transferId, source)));
            root.put("transferKeySource", source.id());
        } catch (RuntimeException e) {
            root.remove("transferKey");
        }
        return JSON.writeValueAsString(root);
    }

    /** An evidence receipt as read. */
    record Receipt(UUID transferId, Digest manifestDigest, String outcome, int items) {}

    static String announcement(UUID transferId, SignedManifest signed, byte[] signerKey, byte[] transferKey) {
        var root = JSON.createObjectNode();
        root.put("v", VERSION);
        root.put("kind", PACKAGE);
        root.put("transfer", transferId.toString());
        root.set("manifest", manifest(signed.manifest()));
        root.put("manifestDigest", signed.manifest().digest().hex());
        root.put("signingKey", B64.encodeToString(signerKey));
        root.put("signature", B64.encodeToString(signed.signature()));
        root.put("transferKey", B64.encodeToString(transferKey));
        return JSON.writeValueAsString(root);
    }

    static String receipt(UUID transferId, Digest manifestDigest, int items) {
        var root = JSON.createObjectNode();
        root.put("v", VERSION);
        root.put("kind", RECEIPT);
        root.put("transfer", transferId.toString());
        root.put("manifestDigest", manifestDigest.hex());
        root.put("outcome", "verified");
        root.put("items", items);
        return JSON.writeValueAsString(root);
    }

    /** The payload's kind, or empty text if it is none of ours. */
    static String kind(String payload) {
        try {
            var root = JSON.readTree(payload);
            return root.path("v").asInt() == VERSION ? root.path("kind").asString("") : "";
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Reads an announcement, in steps that throw: the document's members, the manifest's digest as
     * announced, and the manifest's signature by the key announced (which the message's signature by
     * the sender's authority key vouches for).
     */
    static Announcement readAnnouncement(String payload, KeySource source) {
        JsonNode root = JSON.readTree(payload);
        var transferId = UUID.fromString(root.required("transfer").asString());
        var manifestNode = root.required("manifest");
        var manifest = manifest(manifestNode);
        var announced = new Digest(root.required("manifestDigest").asString());
        if (!manifest.digest().equals(announced)) {
            throw new IllegalArgumentException("the manifest's digest is not the one announced");
        }
        var signerKey = B64D.decode(root.required("signingKey").asString());
        var signed = new SignedManifest(
                manifest,
                SigningKey.keyId(signerKey),
                B64D.decode(root.required("signature").asString()));
        signed.verify(signerKey);
        return new Announcement(
                transferId,
                signed,
                signerKey,
                transferKey(root, transferId, source),
                JSON.writeValueAsString(manifestNode));
    }

    /** The key as kept ({@link #keptAtRest}), or as sent, for an announcement published before that. */
    private static TransferKey transferKey(JsonNode root, UUID transferId, KeySource source) {
        if (root.has("transferKeyWrapped")) {
            if (!source.id().equals(root.required("transferKeySource").asString())) {
                throw new IllegalArgumentException("the transfer key was wrapped by another node key");
            }
            return TransferKey.unwrap(
                    transferId, B64D.decode(root.required("transferKeyWrapped").asString()), source);
        }
        return TransferKey.fromAnnouncement(
                B64D.decode(root.required("transferKey").asString()));
    }

    static Receipt readReceipt(String payload) {
        JsonNode root = JSON.readTree(payload);
        return new Receipt(
                UUID.fromString(root.required("transfer").asString()),
                new Digest(root.required("manifestDigest").asString()),
                root.required("outcome").asString(),
                root.required("items").asInt());
    }

    /** A manifest as stored from an announcement (checked when it arrived). */
    static Manifest readManifest(String json) {
        return manifest(JSON.readTree(json));
    }

    private static JsonNode manifest(Manifest m) {
        var node = JSON.createObjectNode();
        node.put("packageId", m.packageId().toString());
        node.put("requestId", m.requestId().toString());
        node.put("sealedAt", m.sealedAt().toString());
        node.put("sealedBy", m.sealedBy());
        var items = node.putArray("items");
        for (var e : m.items()) {
            var i = items.addObject();
            i.put("itemId", e.itemId().toString());
            i.put("fileName", e.fileName());
            i.put("mediaType", e.mediaType());
            i.put("sizeBytes", e.sizeBytes());
            i.put("sha256", e.sha256().hex());
            i.put("orderReference", e.orderReference());
            i.put("sourceKind", e.sourceKind());
            i.put("sourceName", e.sourceName());
            i.put("collectedAt", e.collectedAt().toString());
        }
        return node;
    }

    private static Manifest manifest(JsonNode node) {
        var items = new ArrayList<Manifest.Entry>();
        for (var i : node.required("items")) {
            items.add(new Manifest.Entry(
                    UUID.fromString(i.required("itemId").asString()),
                    i.required("fileName").asString(),
                    i.required("mediaType").asString(),
                    i.required("sizeBytes").asLong(),
                    new Digest(i.required("sha256").asString()),
                    i.required("orderReference").asString(),
                    i.required("sourceKind").asString(),
                    i.required("sourceName").asString(),
                    Instant.parse(i.required("collectedAt").asString())));
        }
        return new Manifest(
                UUID.fromString(node.required("packageId").asString()),
                UUID.fromString(node.required("requestId").asString()),
                Instant.parse(node.required("sealedAt").asString()),
                node.required("sealedBy").asString(),
                items);
    }
}
