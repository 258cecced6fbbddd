package org.comity.casework.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which request travels in which exchange conversation (V49 {@code casework_exchange}). */
@Repository
public class JdbcExchangeLinks {

    /** One request's conversation: with whom, the request message and its pairing token, the acknowledgement. */
    public record Link(
            UUID requestId,
            String direction,
            UUID conversationId,
            String counterpart,
            UUID requestMessageId,
            String pairingToken,
            Instant linkedAt,
            @Nullable UUID acknowledgementMessageId,
            @Nullable String counterpartReference) {}

    private final JdbcClient jdbc;

    public JdbcExchangeLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Links a request to its conversation; false if a link for this request message exists already. */
    public boolean link(
            UUID requestId,
            String direction,
            UUID conversationId,
            String counterpart,
            UUID requestMessageId,
            String pairingToken,
            Instant at) {
        return jdbc.sql("""
                        INSERT INTO casework_exchange (request_id, direction, conversation_id, counterpart,
                                                       request_message_id, pairing_token, linked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (request_message_id) DO NOTHING
                        """)
                        .params(
                                requestId,
                                direction,
                                conversationId,
                                counterpart,
                                requestMessageId,
                                pairingToken,
                                Timestamp.from(at))
                        .update()
                == 1;
    }

    /** Records the acknowledgement once; false if this link already has one. */
    public boolean acknowledged(UUID requestId, UUID messageId, String reference) {
        return jdbc.sql("""
                        UPDATE casework_exchange
                           SET acknowledgement_message_id = ?, counterpart_reference = ?
                         WHERE request_id = ? AND acknowledgement_message_id IS NULL
                        """).params(messageId, reference, requestId).update() == 1;
    }

    /** What one received lifecycle message did to its request (V93). */
    public record RecordedMessage(UUID messageId, UUID requestId, String type, String outcome, Instant recordedAt) {}

    /** Records once what a received message did; false if this message id was recorded already. */
    public boolean recordMessage(UUID messageId, UUID requestId, String type, String outcome, Instant at) {
        return jdbc.sql("""
                        INSERT INTO casework_exchange_message (message_id, request_id, type, outcome, recorded_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (message_id) DO NOTHING
                        """)
                        .params(messageId, requestId, type, outcome, Timestamp.from(at))
                        .update()
                == 1;
    }

    public boolean messageRecorded(UUID messageId) {
        return jdbc.sql("SELECT count(*) FROM casework_exchange_message WHERE message_id = ?")
                        .param(messageId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    public java.util.List<RecordedMessage> messages(UUID requestId) {
        return jdbc.sql("SELECT * FROM casework_exchange_message WHERE request_id = ? ORDER BY recorded_at, message_id")
                .param(requestId)
                .query((rs, n) -> new RecordedMessage(
                        rs.getObject("message_id", UUID.class),
                        rs.getObject("request_id", UUID.class),
                        rs.getString("type"),
                        rs.getString("outcome"),
                        rs.getTimestamp("recorded_at").toInstant()))
                .list();
    }

    /** A message this node refused to register or record, with its rule (V94). */
    public record Refusal(
            UUID messageId,
            UUID conversationId,
            String sender,
            String type,
            String rule,
            @org.jspecify.annotations.Nullable UUID answerId,
            Instant refusedAt) {}

    /** Records a refusal once; false if this message was refused already. */
    public boolean refused(Refusal refusal) {
        return jdbc.sql("""
                        INSERT INTO casework_exchange_refusal
                            (message_id, conversation_id, sender, type, rule, answer_id, refused_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (message_id) DO NOTHING
                        """)
                        .params(
                                refusal.messageId(),
                                refusal.conversationId(),
                                refusal.sender(),
                                refusal.type(),
                                refusal.rule(),
                                refusal.answerId(),
                                Timestamp.from(refusal.refusedAt()))
                        .update()
                == 1;
    }

    public Optional<Refusal> refusal(UUID messageId) {
        return refusals("message_id = ?", messageId).stream().findFirst();
    }

    /** A refusal with the request its conversation names here, if any. */
    public record RefusalLine(
            Refusal refusal,
            @org.jspecify.annotations.Nullable UUID requestId) {}

    /** The latest refusals, newest first, each with the request of its conversation when there is one. */
    public java.util.List<RefusalLine> latestRefusals(int limit, int offset) {
        return jdbc.sql("""
                        SELECT r.*, (SELECT e.request_id FROM casework_exchange e
                                     WHERE e.conversation_id = r.conversation_id
                                     ORDER BY e.direction LIMIT 1) AS request_id
                        FROM casework_exchange_refusal r ORDER BY r.refused_at DESC, r.message_id LIMIT ? OFFSET ?""")
                .params(limit, offset)
                .query((rs, n) -> new RefusalLine(
                        new Refusal(
                                rs.getObject("message_id", UUID.class),
                                rs.getObject("conversation_id", UUID.class),
                                rs.getString("sender"),
                                rs.getString("type"),
                                rs.getString("rule"),
                                rs.getObject("answer_id", UUID.class),
                                rs.getTimestamp("refused_at").toInstant()),
                        rs.getObject("request_id", UUID.class)))
                .list();
    }

    /** The request each of these conversations names here (conversations with none are left out). */
    public java.util.Map<UUID, UUID> requestsOf(java.util.Collection<UUID> conversations) {
        if (conversations.isEmpty()) {
            return java.util.Map.of();
        }
        var found = new java.util.HashMap<UUID, UUID>();
        jdbc.sql("""
                        SELECT conversation_id, request_id FROM casework_exchange
                        WHERE conversation_id = ANY (CAST(? AS uuid[])) ORDER BY direction DESC""")
                .param(conversations.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)))
                .list();
        return found;
    }

    /** Refusals in one conversation, oldest first. */
    public java.util.List<Refusal> refusals(UUID conversationId) {
        return refusals("conversation_id = ?", conversationId);
    }

    private java.util.List<Refusal> refusals(String where, UUID value) {
        return jdbc.sql("SELECT * FROM casework_exchange_refusal WHERE " + where + " ORDER BY refused_at, message_id")
                .param(value)
                .query((rs, n) -> new Refusal(
                        rs.getObject("message_id", UUID.class),
                        rs.getObject("conversation_id", UUID.class),
                        rs.getString("sender"),
                        rs.getString("type"),
                        rs.getString("rule"),
                        rs.getObject("answer_id", UUID.class),
                        rs.getTimestamp("refused_at").toInstant()))
                .list();
    }

    public Optional<Link> byRequest(UUID requestId) {
        return find("request_id = ?", requestId);
    }

    public Optional<Link> byRequestMessage(UUID messageId) {
        return find("request_message_id = ?", messageId);
    }

    public Optional<Link> byConversation(UUID conversationId, String direction) {
        return jdbc.sql("SELECT * FROM casework_exchange WHERE conversation_id = ? AND direction = ?")
                .params(conversationId, direction)
                .query(JdbcExchangeLinks::row)
                .optional();
    }

    /** The link of a conversation on either side, the requesting side's first: one query. */
    public Optional<Link> byConversation(UUID conversationId) {
        return jdbc.sql("""
                        SELECT * FROM casework_exchange WHERE conversation_id = ?
                        ORDER BY direction = 'OUTGOING' DESC LIMIT 1""").param(conversationId).query(JdbcExchangeLinks::row).optional();
    }

    private Optional<Link> find(String where, UUID value) {
        return jdbc.sql("SELECT * FROM casework_exchange WHERE " + where)
                .param(value)
                .query(JdbcExchangeLinks::row)
                .optional();
    }

    private static Link row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Link(
                rs.getObject("request_id", UUID.class),
                rs.getString("direction"),
                rs.getObject("conversation_id", UUID.class),
                rs.getString("counterpart"),
                rs.getObject("request_message_id", UUID.class),
                rs.getString("pairing_token"),
                rs.getTimestamp("linked_at").toInstant(),
                rs.getObject("acknowledgement_message_id", UUID.class),
                rs.getString("counterpart_reference"));
    }
}
