package org.comity.evidence.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Transfers of packages between nodes, on both sides (V121). */
@Repository
public class JdbcTransfers {

    /** A package this node sends. */
    public record Outgoing(
            UUID transferId,
            UUID packageId,
            String recipient,
            UUID conversationId,
            UUID messageId,
            String manifestDigest,
            String keySource,
            byte[] wrappedKey,
            String state,
            Instant createdAt) {}

    /** A package this node receives, with the sender's signed manifest as announced. */
    public record Incoming(
            UUID transferId,
            UUID packageId,
            String sender,
            UUID conversationId,
            UUID messageId,
            String manifest,
            String manifestDigest,
            byte[] manifestKey,
            byte[] manifestSignature,
            String keySource,
            byte[] wrappedKey,
            String state,
            Instant receivedAt) {}

    private final JdbcClient jdbc;

    public JdbcTransfers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Outgoing o) {
        jdbc.sql("INSERT INTO evidence_transfer_out (transfer_id, package_id, recipient, conversation_id, message_id,"
                        + " manifest_digest, key_source, wrapped_key, state, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        o.transferId(),
                        o.packageId(),
                        o.recipient(),
                        o.conversationId(),
                        o.messageId(),
                        o.manifestDigest(),
                        o.keySource(),
                        o.wrappedKey(),
                        o.state(),
                        Timestamp.from(o.createdAt()))
                .update();
    }

    public Optional<Outgoing> outgoing(UUID transferId) {
        return jdbc.sql("SELECT * FROM evidence_transfer_out WHERE transfer_id = ?")
                .param(transferId)
                .query((rs, n) -> outgoing(rs))
                .optional();
    }

    public Optional<Outgoing> outgoing(UUID packageId, String recipient) {
        return jdbc.sql("SELECT * FROM evidence_transfer_out WHERE package_id = ? AND recipient = ?")
                .params(packageId, recipient)
                .query((rs, n) -> outgoing(rs))
                .optional();
    }

    public List<Outgoing> outgoingOf(UUID packageId) {
        return jdbc.sql("SELECT * FROM evidence_transfer_out WHERE package_id = ? ORDER BY created_at")
                .param(packageId)
                .query((rs, n) -> outgoing(rs))
                .list();
    }

    public List<Outgoing> outgoingIn(String state) {
        return jdbc.sql("SELECT * FROM evidence_transfer_out WHERE state = ? ORDER BY created_at")
                .param(state)
                .query((rs, n) -> outgoing(rs))
                .list();
    }

    /** Moves an outgoing transfer on; false if it was not in {@code from} (done already). */
    public boolean advanceOutgoing(UUID transferId, String from, String to) {
        return jdbc.sql("UPDATE evidence_transfer_out SET state = ? WHERE transfer_id = ? AND state = ?")
                        .params(to, transferId, from)
                        .update()
                == 1;
    }

    public void insert(Incoming i) {
        jdbc.sql("INSERT INTO evidence_transfer_in (transfer_id, package_id, sender, conversation_id, message_id,"
                        + " manifest, manifest_digest, manifest_key, manifest_sig, key_source, wrapped_key, state,"
                        + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        i.transferId(),
                        i.packageId(),
                        i.sender(),
                        i.conversationId(),
                        i.messageId(),
                        i.manifest(),
                        i.manifestDigest(),
                        i.manifestKey(),
                        i.manifestSignature(),
                        i.keySource(),
                        i.wrappedKey(),
                        i.state(),
                        Timestamp.from(i.receivedAt()))
                .update();
    }

    public Optional<Incoming> incoming(UUID transferId) {
        return jdbc.sql("SELECT * FROM evidence_transfer_in WHERE transfer_id = ?")
                .param(transferId)
                .query((rs, n) -> incoming(rs))
                .optional();
    }

    public Optional<Incoming> incomingByMessage(UUID messageId) {
        return jdbc.sql("SELECT * FROM evidence_transfer_in WHERE message_id = ?")
                .param(messageId)
                .query((rs, n) -> incoming(rs))
                .optional();
    }

    public boolean advanceIncoming(UUID transferId, String from, String to) {
        return jdbc.sql("UPDATE evidence_transfer_in SET state = ? WHERE transfer_id = ? AND state = ?")
                        .params(to, transferId, from)
                        .update()
                == 1;
    }

    public void mapItem(UUID transferId, UUID senderItem, UUID itemId) {
        jdbc.sql("INSERT INTO evidence_transfer_in_item (transfer_id, sender_item, item_id) VALUES (?, ?, ?)")
                .params(transferId, senderItem, itemId)
                .update();
    }

    /** The item here that receives the sender's item. */
    public Optional<UUID> itemFor(UUID transferId, UUID senderItem) {
        return jdbc.sql("SELECT item_id FROM evidence_transfer_in_item WHERE transfer_id = ? AND sender_item = ?")
                .params(transferId, senderItem)
                .query(UUID.class)
                .optional();
    }

    private static Outgoing outgoing(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Outgoing(
                rs.getObject("transfer_id", UUID.class),
                rs.getObject("package_id", UUID.class),
                rs.getString("recipient"),
                rs.getObject("conversation_id", UUID.class),
                rs.getObject("message_id", UUID.class),
                rs.getString("manifest_digest"),
                rs.getString("key_source"),
                rs.getBytes("wrapped_key"),
                rs.getString("state"),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Incoming incoming(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Incoming(
                rs.getObject("transfer_id", UUID.class),
                rs.getObject("package_id", UUID.class),
                rs.getString("sender"),
                rs.getObject("conversation_id", UUID.class),
                rs.getObject("message_id", UUID.class),
                rs.getString("manifest"),
                rs.getString("manifest_digest"),
                rs.getBytes("manifest_key"),
                rs.getBytes("manifest_sig"),
                rs.getString("key_source"),
                rs.getBytes("wrapped_key"),
                rs.getString("state"),
                rs.getTimestamp("received_at").toInstant());
    }
}
