package org.comity.evidence.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.evidence.domain.Act;
import org.comity.evidence.domain.CustodyRecord;
import org.comity.evidence.domain.Digest;
import org.comity.evidence.domain.EvidencePackage;
import org.comity.evidence.domain.Item;
import org.comity.evidence.domain.ItemContent;
import org.comity.evidence.domain.Manifest;
import org.comity.evidence.domain.MediaType;
import org.comity.evidence.domain.Origin;
import org.comity.evidence.domain.Retention;
import org.comity.evidence.domain.SignedManifest;
import org.comity.evidence.domain.Source;
import org.comity.shared.Conflict;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Packages, items and custody records in PostgreSQL; the custody table is append-only. */
@Repository
public class JdbcEvidence {

    private static final String PACKAGE = "id, request_id, state, created_at, created_by, retain_until, legal_hold,"
            + " version, sealed_at, sealed_by, manifest_digest, manifest_key_id, manifest_sig, deleted_at, deleted_by";
    private static final String ITEM = "id, package_id, file_name, media_type, order_reference, source_kind,"
            + " source_name, collected_at, size_bytes, received_bytes, parts, sha256, shredded, added_at, added_by";
    private static final String CUSTODY =
            "package_id, record_index, at, actor, act, item_id, detail, previous, hash, key_id, signature";

    private final JdbcClient jdbc;

    public JdbcEvidence(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(EvidencePackage.Open p) {
        jdbc.sql("INSERT INTO evidence_package (id, request_id, state, created_at, created_by, retain_until,"
                        + " legal_hold, version) VALUES (?, ?, 'open', ?, ?, ?, ?, ?)")
                .params(
                        p.id(),
                        p.requestId(),
                        Timestamp.from(p.createdAt()),
                        p.createdBy(),
                        Timestamp.from(p.retention().retainUntil()),
                        p.retention().legalHold(),
                        p.version())
                .update();
    }

    /** Stores a package's new state if nobody changed it since {@code expectedVersion} was read. */
    public void update(EvidencePackage p, long expectedVersion) {
        SignedManifest m = p instanceof EvidencePackage.Sealed s ? s.manifest() : null;
        var deleted = p instanceof EvidencePackage.Deleted d ? d : null;
        int rows = jdbc.sql("UPDATE evidence_package SET state = ?, retain_until = ?, legal_hold = ?, version = ?,"
                        + " sealed_at = COALESCE(?, sealed_at), sealed_by = COALESCE(?, sealed_by),"
                        + " manifest_digest = COALESCE(?, manifest_digest), manifest_key_id = COALESCE(?, manifest_key_id),"
                        + " manifest_sig = COALESCE(?, manifest_sig), deleted_at = ?, deleted_by = ?"
                        + " WHERE id = ? AND version = ?")
                .params(
                        p.state(),
                        Timestamp.from(p.retention().retainUntil()),
                        p.retention().legalHold(),
                        p.version(),
                        m == null ? null : Timestamp.from(m.manifest().sealedAt()),
                        m == null ? null : m.manifest().sealedBy(),
                        m == null ? null : m.manifest().digest().hex(),
                        m == null ? null : m.keyId(),
                        m == null ? null : m.signature(),
                        deleted == null ? null : Timestamp.from(deleted.deletedAt()),
                        deleted == null ? null : deleted.deletedBy(),
                        p.id(),
                        expectedVersion)
                .update();
        if (rows != 1) {
            throw new Conflict("version", "the package was changed meanwhile; read it again");
        }
    }

    public Optional<EvidencePackage> find(UUID id) {
        return jdbc.sql("SELECT " + PACKAGE + " FROM evidence_package WHERE id = ?")
                .param(id)
                .query((rs, n) -> row(rs))
                .optional()
                .map(this::evidencePackage);
    }

    /** The package, its row locked until the transaction ends: acts on one package happen one at a time. */
    public Optional<EvidencePackage> lock(UUID id) {
        return jdbc.sql("SELECT " + PACKAGE + " FROM evidence_package WHERE id = ? FOR UPDATE")
                .param(id)
                .query((rs, n) -> row(rs))
                .optional()
                .map(this::evidencePackage);
    }

    public List<EvidencePackage> ofRequest(UUID requestId) {
        return jdbc
                .sql("SELECT " + PACKAGE + " FROM evidence_package WHERE request_id = ? ORDER BY created_at, id")
                .param(requestId)
                .query((rs, n) -> row(rs))
                .list()
                .stream()
                .map(this::evidencePackage)
                .toList();
    }

    /**
     * Packages not deleted and not held whose retention ends by {@code by} and for which no warning of
     * that date is recorded yet (a changed date is warned of again).
     */
    public List<UUID> expiringUnwarned(Instant by) {
        return jdbc.sql("SELECT p.id FROM evidence_package p WHERE p.state <> 'deleted' AND NOT p.legal_hold"
                        + " AND p.retain_until <= ? AND NOT EXISTS (SELECT 1 FROM evidence_custody c"
                        + " WHERE c.package_id = p.id AND c.act = 'retention-expiring'"
                        + " AND c.detail = 'until=' || to_char(p.retain_until AT TIME ZONE 'UTC',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) ORDER BY p.retain_until, p.id")
                .param(Timestamp.from(by))
                .query(UUID.class)
                .list();
    }

    /** Packages not deleted whose retention ends by {@code by}, soonest first. */
    public List<EvidencePackage> expiring(Instant by) {
        return jdbc
                .sql("SELECT " + PACKAGE + " FROM evidence_package WHERE state <> 'deleted' AND retain_until <= ?"
                        + " ORDER BY retain_until, id LIMIT 500")
                .param(Timestamp.from(by))
                .query((rs, n) -> row(rs))
                .list()
                .stream()
                .map(this::evidencePackage)
                .toList();
    }

    private record Row(
            UUID id,
            UUID requestId,
            String state,
            Instant createdAt,
            String createdBy,
            Retention retention,
            long version,
            @Nullable Instant sealedAt,
            @Nullable String sealedBy,
            @Nullable String manifestDigest,
            @Nullable String keyId,
            byte @Nullable [] signature,
            @Nullable Instant deletedAt,
            @Nullable String deletedBy) {}

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("request_id", UUID.class),
                rs.getString("state"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                new Retention(rs.getTimestamp("retain_until").toInstant(), rs.getBoolean("legal_hold")),
                rs.getLong("version"),
                instant(rs, "sealed_at"),
                rs.getString("sealed_by"),
                rs.getString("manifest_digest"),
                rs.getString("manifest_key_id"),
                rs.getBytes("manifest_sig"),
                instant(rs, "deleted_at"),
                rs.getString("deleted_by"));
    }

    private EvidencePackage evidencePackage(Row r) {
        return switch (r.state()) {
            case "open" ->
                new EvidencePackage.Open(
                        r.id(), r.requestId(), r.createdAt(), r.createdBy(), r.retention(), r.version());
            case "sealed" -> {
                var items = items(r.id());
                var manifest = new Manifest(
                        r.id(),
                        r.requestId(),
                        r.sealedAt(),
                        r.sealedBy(),
                        items.stream().map(Manifest.Entry::of).toList());
                if (!manifest.digest().hex().equals(r.manifestDigest())) {
                    // The items or the seal were changed in the database after sealing.
                    throw new IllegalStateException(
                            "the stored items of package " + r.id() + " no longer match its manifest");
                }
                yield new EvidencePackage.Sealed(
                        r.id(),
                        r.requestId(),
                        r.createdAt(),
                        r.createdBy(),
                        r.retention(),
                        r.version(),
                        new SignedManifest(manifest, r.keyId(), r.signature()));
            }
            case "deleted" ->
                new EvidencePackage.Deleted(
                        r.id(),
                        r.requestId(),
                        r.createdAt(),
                        r.createdBy(),
                        r.retention(),
                        r.version(),
                        r.deletedAt(),
                        r.deletedBy());
            default -> throw new IllegalStateException("unknown package state " + r.state());
        };
    }

    public void insert(Item item, String keySource, byte[] wrappedKeyset) {
        jdbc.sql("INSERT INTO evidence_item (" + ITEM + ", key_source, wrapped_keyset)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?)")
                .params(
                        item.id(),
                        item.packageId(),
                        item.fileName(),
                        item.mediaType().value(),
                        item.origin().orderReference(),
                        item.origin().source().code(),
                        item.origin().source().name(),
                        Timestamp.from(item.origin().collectedAt()),
                        item.sizeBytes(),
                        item.receivedBytes(),
                        item.parts(),
                        item.content() instanceof ItemContent.Stored s
                                ? s.sha256().hex()
                                : null,
                        Timestamp.from(item.addedAt()),
                        item.addedBy(),
                        keySource,
                        wrappedKeyset)
                .update();
    }

    /** Cuts an upload's recorded progress back to what reads back whole, if it is still at {@code fromOffset}. */
    public boolean trim(Item item, long fromOffset) {
        return jdbc.sql("UPDATE evidence_item SET received_bytes = ?, parts = ?"
                                + " WHERE id = ? AND received_bytes = ? AND sha256 IS NULL")
                        .params(item.receivedBytes(), item.parts(), item.id(), fromOffset)
                        .update()
                == 1;
    }

    /** Records one more stored part, if the upload was still at the offset the part started from. */
    public void progress(Item item, long fromOffset) {
        int rows = jdbc.sql("UPDATE evidence_item SET received_bytes = ?, parts = ?, sha256 = ?"
                        + " WHERE id = ? AND received_bytes = ? AND sha256 IS NULL")
                .params(
                        item.receivedBytes(),
                        item.parts(),
                        item.content() instanceof ItemContent.Stored s
                                ? s.sha256().hex()
                                : null,
                        item.id(),
                        fromOffset)
                .update();
        if (rows != 1) {
            throw new Conflict("upload-offset", "the upload moved on meanwhile; ask for its offset");
        }
    }

    public List<Item> items(UUID packageId) {
        return jdbc.sql("SELECT " + ITEM + " FROM evidence_item WHERE package_id = ? ORDER BY added_at, id")
                .param(packageId)
                .query((rs, n) -> item(rs))
                .list();
    }

    public Optional<Item> item(UUID id) {
        return jdbc.sql("SELECT " + ITEM + " FROM evidence_item WHERE id = ?")
                .param(id)
                .query((rs, n) -> item(rs))
                .optional();
    }

    /** The item's wrapped keyset and the key source that wrapped it; empty once shredded. */
    public Optional<WrappedKeyset> keyset(UUID itemId) {
        return jdbc.sql("SELECT key_source, wrapped_keyset FROM evidence_item WHERE id = ? AND NOT shredded")
                .param(itemId)
                .query((rs, n) -> new WrappedKeyset(rs.getString("key_source"), rs.getBytes("wrapped_keyset")))
                .optional();
    }

    public record WrappedKeyset(String keySource, byte[] wrapped) {}

    /** Destroys the item's wrapped keyset: its ciphertext can never be decrypted again. */
    public void shred(UUID itemId) {
        jdbc.sql("UPDATE evidence_item SET wrapped_keyset = NULL, shredded = true WHERE id = ?")
                .param(itemId)
                .update();
    }

    private static Item item(ResultSet rs) throws SQLException {
        long size = rs.getLong("size_bytes");
        var sha = rs.getString("sha256");
        ItemContent content = rs.getBoolean("shredded")
                ? new ItemContent.Shredded(sha == null ? null : new Digest(sha))
                : sha == null
                        ? new ItemContent.Receiving(rs.getLong("received_bytes"), rs.getInt("parts"))
                        : new ItemContent.Stored(new Digest(sha), rs.getInt("parts"));
        return new Item(
                rs.getObject("id", UUID.class),
                rs.getObject("package_id", UUID.class),
                rs.getString("file_name"),
                new MediaType(rs.getString("media_type")),
                new Origin(
                        rs.getString("order_reference"),
                        Source.of(rs.getString("source_kind"), rs.getString("source_name")),
                        rs.getTimestamp("collected_at").toInstant()),
                size,
                rs.getTimestamp("added_at").toInstant(),
                rs.getString("added_by"),
                content);
    }

    public void append(CustodyRecord r) {
        jdbc.sql("INSERT INTO evidence_custody (" + CUSTODY + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        r.packageId(),
                        r.index(),
                        Timestamp.from(r.at()),
                        r.actor(),
                        r.act().code(),
                        r.item(),
                        r.detail(),
                        r.previous().hex(),
                        r.hash().hex(),
                        r.keyId(),
                        r.signature())
                .update();
    }

    public Optional<CustodyRecord> lastCustody(UUID packageId) {
        return jdbc.sql("SELECT " + CUSTODY
                        + " FROM evidence_custody WHERE package_id = ? ORDER BY record_index DESC LIMIT 1")
                .param(packageId)
                .query((rs, n) -> custody(rs))
                .optional();
    }

    public List<CustodyRecord> custody(UUID packageId) {
        return jdbc.sql("SELECT " + CUSTODY + " FROM evidence_custody WHERE package_id = ? ORDER BY record_index")
                .param(packageId)
                .query((rs, n) -> custody(rs))
                .list();
    }

    private static CustodyRecord custody(ResultSet rs) throws SQLException {
        return new CustodyRecord(
                rs.getInt("record_index"),
                rs.getObject("package_id", UUID.class),
                rs.getTimestamp("at").toInstant(),
                rs.getString("actor"),
                Act.ofCode(rs.getString("act")),
                rs.getObject("item_id", UUID.class),
                rs.getString("detail"),
                new Digest(rs.getString("previous")),
                new Digest(rs.getString("hash")),
                rs.getString("key_id"),
                rs.getBytes("signature"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
