package org.comity.exchange.persistence;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.Delivery;
import org.comity.exchange.DeliveryStatus;
import org.comity.exchange.Envelope;
import org.comity.exchange.MessageType;
import org.comity.exchange.ReceivedMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The outbox, the delivery evidence and the inbox (V91). */
@Repository
public class JdbcMessageStore {

    private final JdbcClient jdbc;

    public JdbcMessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next sequence number in this conversation to this recipient; the row stays locked until commit. */
    public long nextSequence(UUID conversation, AuthorityId recipient) {
        return jdbc.sql("""
                        INSERT INTO exchange_sequence (conversation_id, recipient, last_sequence) VALUES (?, ?, 1)
                        ON CONFLICT (conversation_id, recipient)
                        DO UPDATE SET last_sequence = exchange_sequence.last_sequence + 1
                        RETURNING last_sequence""")
                .params(conversation, recipient.value())
                .query(Long.class)
                .single();
    }

    public void enqueue(Envelope e, URI inbox, String body, String digest, Instant giveUpAt, String actor) {
        jdbc.sql("""
                        INSERT INTO exchange_outbox (message_id, conversation_id, type, recipient, sequence, emergency,
                            pairing_token, inbox, body, digest, created_at, expires_at, status, next_attempt_at,
                            give_up_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)""")
                .params(
                        e.messageId(),
                        e.conversationId(),
                        e.type().code(),
                        e.recipient().value(),
                        e.sequence(),
                        e.emergency(),
                        e.pairingToken(),
                        inbox.toString(),
                        body,
                        digest,
                        ts(e.created()),
                        ts(e.expires()),
                        ts(e.created()),
                        ts(giveUpAt))
                .update();
        evidence(e.messageId(), e.conversationId(), e.created(), "submitted", null, actor);
    }

    /** A message due for an attempt: the earliest pending one of its conversation and recipient. */
    public record Due(
            long id,
            UUID messageId,
            UUID conversationId,
            AuthorityId recipient,
            URI inbox,
            String body,
            String digest,
            Instant expires,
            Instant giveUpAt,
            int attempts) {}

    /**
     * Claims up to {@code limit} due messages until {@code claimUntil} and returns them: for each
     * conversation and recipient only the lowest pending sequence, and only if no other dispatcher holds
     * a claim on it. One statement and one commit for the whole batch; rows another instance is claiming
     * at this moment are skipped, not waited for. The heads are found by skipping from one conversation
     * to the next through the pending rows' index (a loose index scan), so a claim costs one index
     * descent per conversation with messages pending, whatever the backlog or the history.
     */
    public List<Due> claimDue(Instant now, Instant claimUntil, int limit) {
        return claimDue(now, claimUntil, limit, java.util.Set.of());
    }

    /** As {@link #claimDue(Instant, Instant, int)}, leaving out messages to {@code busy} inboxes. */
    public List<Due> claimDue(Instant now, Instant claimUntil, int limit, java.util.Set<URI> busy) {
        var skipped = busy.stream().map(URI::toString).toArray(String[]::new);
        return jdbc
                .sql("""
                        WITH RECURSIVE heads AS (
                            (SELECT h.conversation_id, h.recipient, h.id FROM exchange_outbox h
                             WHERE h.status = 'pending'
                             ORDER BY h.conversation_id, h.recipient, h.sequence LIMIT 1)
                            UNION ALL
                            SELECT n.conversation_id, n.recipient, n.id FROM heads p CROSS JOIN LATERAL (
                                SELECT h.conversation_id, h.recipient, h.id FROM exchange_outbox h
                                WHERE h.status = 'pending'
                                  AND (h.conversation_id, h.recipient) > (p.conversation_id, p.recipient)
                                ORDER BY h.conversation_id, h.recipient, h.sequence LIMIT 1) n)
                        UPDATE exchange_outbox o SET claimed_until = ?
                        FROM (SELECT c.id FROM exchange_outbox c
                              WHERE c.id = ANY (ARRAY(SELECT id FROM heads))
                                AND c.status = 'pending' AND c.next_attempt_at <= ?
                                AND (c.claimed_until IS NULL OR c.claimed_until <= ?)
                                AND NOT (c.inbox = ANY (?))
                              ORDER BY c.next_attempt_at, c.id LIMIT ?
                              FOR UPDATE OF c SKIP LOCKED) d
                        WHERE o.id = d.id
                        RETURNING o.id, o.message_id, o.conversation_id, o.recipient, o.inbox, o.body, o.digest,
                            o.expires_at, o.give_up_at, o.attempts, o.next_attempt_at""")
                .params(ts(claimUntil), ts(now), ts(now), skipped, limit)
                .query((rs, n) -> java.util.Map.entry(
                        rs.getTimestamp(11).toInstant(),
                        new Due(
                                rs.getLong(1),
                                rs.getObject(2, UUID.class),
                                rs.getObject(3, UUID.class),
                                new AuthorityId(rs.getString(4)),
                                URI.create(rs.getString(5)),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getTimestamp(8).toInstant(),
                                rs.getTimestamp(9).toInstant(),
                                rs.getInt(10))))
                .list()
                .stream()
                // RETURNING keeps no order: the longest waiting first.
                .sorted(java.util.Map.Entry.<Instant, Due>comparingByKey()
                        .thenComparing(e -> e.getValue().id()))
                .map(java.util.Map.Entry::getValue)
                .toList();
    }

    /** The earliest time a pending message not claimed by a dispatcher is due, to sleep until then. */
    public Optional<Instant> nextDue(Instant now) {
        return jdbc.sql("""
                        SELECT min(next_attempt_at) FROM exchange_outbox
                        WHERE status = 'pending' AND (claimed_until IS NULL OR claimed_until <= ?)""")
                .param(ts(now))
                .query((rs, n) ->
                        rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional();
    }

    // Each outcome is one statement (the update and its evidence row together, in one implicit
    // transaction): one round trip and one commit per attempt, and the claim ends with it.

    public void delivered(Due due, String receipt, Instant at) {
        jdbc.sql("""
                        WITH done AS (
                            UPDATE exchange_outbox SET status = 'delivered', receipt = ?, delivered_at = ?,
                                attempts = attempts + 1, last_error = NULL, claimed_until = NULL
                            WHERE id = ? AND status = 'pending' RETURNING message_id, conversation_id)
                        INSERT INTO exchange_delivery_evidence (message_id, conversation_id, at, event, detail, actor)
                        SELECT message_id, conversation_id, ?, 'delivered', NULL, 'dispatcher' FROM done""").params(receipt, ts(at), due.id(), ts(at)).update();
    }

    /** A message of a batch and the receipt, verified, its receiver answered for it. */
    public record Receipted(Due due, String receipt) {}

    /** Several messages delivered at once: one statement (updates and evidence rows) and one commit. */
    public void delivered(List<Receipted> receipted, Instant at) {
        jdbc.sql("""
                        WITH done AS (
                            UPDATE exchange_outbox o SET status = 'delivered', receipt = v.receipt, delivered_at = ?,
                                attempts = o.attempts + 1, last_error = NULL, claimed_until = NULL
                            FROM unnest(?::bigint[], ?::text[]) AS v(id, receipt)
                            WHERE o.id = v.id AND o.status = 'pending' RETURNING o.message_id, o.conversation_id)
                        INSERT INTO exchange_delivery_evidence (message_id, conversation_id, at, event, detail, actor)
                        SELECT message_id, conversation_id, ?, 'delivered', NULL, 'dispatcher' FROM done""")
                .params(
                        ts(at),
                        receipted.stream().mapToLong(r -> r.due().id()).toArray(),
                        receipted.stream().map(Receipted::receipt).toArray(String[]::new),
                        ts(at))
                .update();
    }

    public void attemptFailed(Due due, String error, Instant at, Instant next) {
        jdbc.sql("""
                        WITH done AS (
                            UPDATE exchange_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,
                                claimed_until = NULL
                            WHERE id = ? AND status = 'pending' RETURNING message_id, conversation_id)
                        INSERT INTO exchange_delivery_evidence (message_id, conversation_id, at, event, detail, actor)
                        SELECT message_id, conversation_id, ?, 'attempt-failed', ?, 'dispatcher' FROM done""").params(error, ts(next), due.id(), ts(at), error).update();
    }

    /**
     * Gives back a claim this dispatcher holds, if it still holds it (the claim has not run out and
     * been taken by another) and the message is still pending: it is due again at once.
     */
    public void release(long id, Instant claimedUntil) {
        jdbc.sql("""
                        UPDATE exchange_outbox SET claimed_until = NULL
                        WHERE id = ? AND status = 'pending' AND claimed_until = ?""").params(id, ts(claimedUntil)).update();
    }

    /** @param reason {@code gave-up}, or the receiver's refusal step */
    public void failed(Due due, String error, String reason, Instant at) {
        jdbc.sql("""
                        WITH done AS (
                            UPDATE exchange_outbox SET status = 'failed', attempts = attempts + 1, last_error = ?,
                                claimed_until = NULL
                            WHERE id = ? AND status = 'pending' RETURNING message_id, conversation_id)
                        INSERT INTO exchange_delivery_evidence (message_id, conversation_id, at, event, detail, actor)
                        SELECT message_id, conversation_id, ?, 'failed', ?, 'dispatcher' FROM done""").params(error, due.id(), ts(at), reason).update();
    }

    /** A failed message back to pending, due now. @return false if it is not failed */
    @Transactional
    public boolean retry(UUID messageId, Instant at, Instant giveUpAt, String actor) {
        var conversation = jdbc.sql("""
                        UPDATE exchange_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?,
                            give_up_at = ?
                        WHERE message_id = ? AND status = 'failed' RETURNING conversation_id""")
                .params(ts(at), ts(giveUpAt), messageId)
                .query(UUID.class)
                .optional();
        conversation.ifPresent(c -> evidence(messageId, c, at, "retry-requested", null, actor));
        return conversation.isPresent();
    }

    public Optional<Instant> outboxExpiry(UUID messageId) {
        return jdbc.sql("SELECT expires_at FROM exchange_outbox WHERE message_id = ?")
                .param(messageId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** One snapshot: the evidence and the status agree. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<Delivery> deliveries(UUID conversation) {
        var evidence = jdbc.sql("""
                        SELECT message_id, at, event, detail, actor FROM exchange_delivery_evidence
                        WHERE conversation_id = ? ORDER BY id""")
                .param(conversation)
                .query((rs, n) -> java.util.Map.entry(
                        rs.getObject(1, UUID.class),
                        new Delivery.Evidence(
                                rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), rs.getString(5))))
                .list();
        return jdbc.sql("""
                        SELECT message_id, conversation_id, type, recipient, sequence, emergency, pairing_token, digest,
                            created_at, expires_at, status, attempts, next_attempt_at, give_up_at, last_error,
                            delivered_at, receipt
                        FROM exchange_outbox WHERE conversation_id = ? ORDER BY id""")
                .param(conversation)
                .query((rs, n) -> delivery(rs, evidence))
                .list();
    }

    private static Delivery delivery(ResultSet rs, List<java.util.Map.Entry<UUID, Delivery.Evidence>> evidence)
            throws SQLException {
        var id = rs.getObject(1, UUID.class);
        var status = DeliveryStatus.valueOf(rs.getString(11).toUpperCase(java.util.Locale.ROOT));
        return new Delivery(
                id,
                rs.getObject(2, UUID.class),
                MessageType.fromCode(rs.getString(3)).orElseThrow(),
                new AuthorityId(rs.getString(4)),
                rs.getLong(5),
                rs.getBoolean(6),
                rs.getString(7),
                rs.getString(8),
                rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant(),
                status,
                rs.getInt(12),
                status == DeliveryStatus.PENDING ? rs.getTimestamp(13).toInstant() : null,
                rs.getTimestamp(14).toInstant(),
                rs.getString(15),
                instant(rs.getTimestamp(16)),
                rs.getString(17),
                evidence.stream()
                        .filter(e -> e.getKey().equals(id))
                        .map(java.util.Map.Entry::getValue)
                        .toList());
    }

    // The inbox.

    public record Stored(String digest, String receipt) {}

    /** What the inbox needs before storing: the message if already stored, and the sender's last sequence. */
    public record Prior(Optional<Stored> stored, long lastSequence) {}

    /** One round trip for both checks. */
    public Prior prior(UUID messageId, UUID conversation, AuthorityId sender) {
        return jdbc.sql("""
                        SELECT i.digest, i.receipt,
                            (SELECT coalesce(max(sequence), 0) FROM exchange_inbox
                             WHERE conversation_id = ? AND sender = ?)
                        FROM (SELECT 1) one LEFT JOIN exchange_inbox i ON i.message_id = ?""")
                .params(conversation, sender.value(), messageId)
                .query((rs, n) -> new Prior(
                        rs.getString(1) == null
                                ? Optional.empty()
                                : Optional.of(new Stored(rs.getString(1), rs.getString(2))),
                        rs.getLong(3)))
                .single();
    }

    public Optional<Stored> received(UUID messageId) {
        return jdbc.sql("SELECT digest, receipt FROM exchange_inbox WHERE message_id = ?")
                .param(messageId)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /** The highest sequence accepted from this sender in this conversation, 0 if none. */
    public long lastSequence(UUID conversation, AuthorityId sender) {
        return jdbc.sql("""
                        SELECT coalesce(max(sequence), 0) FROM exchange_inbox
                        WHERE conversation_id = ? AND sender = ?""")
                .params(conversation, sender.value())
                .query(Long.class)
                .single();
    }

    /** @return false if the message id is already stored (a concurrent delivery of the same message) */
    public boolean store(
            Envelope e, List<String> signingKeyIds, String body, String digest, Instant receivedAt, String receipt) {
        return jdbc.sql("""
                                INSERT INTO exchange_inbox (message_id, conversation_id, type, sender, recipient,
                                    sequence, created_at, expires_at, pairing_token, emergency, signing_key_ids,
                                    payload, body, digest, received_at, receipt)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                                ON CONFLICT (message_id) DO NOTHING""")
                        .params(
                                e.messageId(),
                                e.conversationId(),
                                e.type().code(),
                                e.sender().value(),
                                e.recipient().value(),
                                e.sequence(),
                                ts(e.created()),
                                ts(e.expires()),
                                e.pairingToken(),
                                e.emergency(),
                                String.join(" ", signingKeyIds),
                                e.payload(),
                                body,
                                digest,
                                ts(receivedAt),
                                receipt)
                        .update()
                == 1;
    }

    public List<ReceivedMessage> inbox(UUID conversation) {
        return jdbc.sql("""
                        SELECT message_id, conversation_id, type, sender, recipient, created_at, expires_at, sequence,
                            pairing_token, emergency, payload, received_at, digest, receipt
                        FROM exchange_inbox WHERE conversation_id = ? ORDER BY sender, sequence""")
                .param(conversation)
                .query((rs, n) -> new ReceivedMessage(
                        new Envelope(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                MessageType.fromCode(rs.getString(3)).orElseThrow(),
                                new AuthorityId(rs.getString(4)),
                                new AuthorityId(rs.getString(5)),
                                rs.getTimestamp(6).toInstant(),
                                rs.getTimestamp(7).toInstant(),
                                rs.getLong(8),
                                rs.getString(9),
                                rs.getBoolean(10),
                                rs.getString(11)),
                        rs.getTimestamp(12).toInstant(),
                        rs.getString(13),
                        rs.getString(14)))
                .list();
    }

    public long inboxCount() {
        return jdbc.sql("SELECT count(*) FROM exchange_inbox").query(Long.class).single();
    }

    private void evidence(
            UUID messageId, UUID conversation, Instant at, String event, @Nullable String detail, String actor) {
        jdbc.sql("""
                        INSERT INTO exchange_delivery_evidence (message_id, conversation_id, at, event, detail, actor)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(messageId, conversation, ts(at), event, detail, actor)
                .update();
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
