package org.comity.exchange.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.comity.exchange.domain.Fingerprint;
import org.comity.exchange.domain.VerifiedCard;
import org.comity.exchange.domain.VerifiedDirectory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The signed directories, pins and the exchange audit trail (V90). */
@Repository
public class JdbcTrustStore {

    private final JdbcClient jdbc;

    public JdbcTrustStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored directory as it was loaded; verified again before anything trusts it. */
    public record StoredDirectory(long sequence, String document, Instant loadedAt, String loadedBy, String source) {}

    /** A stored pin, active unless removed. */
    public record StoredPin(long id, String document, Fingerprint fingerprint, Instant pinnedAt, String pinnedBy) {}

    public record AuditRow(Instant at, String actor, String channel, String action, String outcome, String subject) {}

    public Optional<StoredDirectory> latestDirectory() {
        return jdbc.sql("""
                        SELECT sequence, document, loaded_at, loaded_by, source FROM exchange_directory
                        ORDER BY sequence DESC LIMIT 1""")
                .query((rs, n) -> new StoredDirectory(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5)))
                .optional();
    }

    @Transactional
    public void storeDirectory(VerifiedDirectory directory, String source, Instant at, String actor, String channel) {
        jdbc.sql("""
                        INSERT INTO exchange_directory (sequence, operator, operator_key_id, issued_at, expires_at,
                            authorities, document, source, loaded_at, loaded_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        directory.sequence(),
                        directory.operator(),
                        directory.operatorKeyId(),
                        Timestamp.from(directory.issuedAt()),
                        Timestamp.from(directory.expiresAt()),
                        directory.entries().size(),
                        directory.document(),
                        source,
                        Timestamp.from(at),
                        actor)
                .update();
        audit(at, actor, channel, "directory-load", "accepted", "sequence " + directory.sequence());
    }

    public List<StoredPin> activePins() {
        return jdbc.sql("""
                        SELECT p.id, p.document, p.fingerprint, p.pinned_at, p.pinned_by FROM exchange_pin p
                        WHERE NOT EXISTS (SELECT 1 FROM exchange_pin_removal r WHERE r.pin_id = p.id)
                        ORDER BY p.id""")
                .query((rs, n) -> new StoredPin(
                        rs.getLong(1),
                        rs.getString(2),
                        new Fingerprint(rs.getString(3)),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5)))
                .list();
    }

    @Transactional
    public long storePin(VerifiedCard card, Instant at, String actor) {
        return storePin(card, at, actor, "api");
    }

    @Transactional
    public long storePin(VerifiedCard card, Instant at, String actor, String channel) {
        long id = jdbc.sql("""
                        INSERT INTO exchange_pin (authority_id, signing_key_id, fingerprint, document, pinned_at,
                            pinned_by)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(
                        card.entry().authority().id().value(),
                        card.signingKeyId(),
                        card.fingerprint().hex(),
                        card.document(),
                        Timestamp.from(at),
                        actor)
                .query(Long.class)
                .single();
        audit(
                at,
                actor,
                channel,
                "pin",
                "accepted",
                card.entry().authority().id().value());
        return id;
    }

    /** @return false if there is no such active pin */
    @Transactional
    public boolean removePin(long id, Instant at, String actor) {
        return removePin(id, at, actor, "api");
    }

    /** @return false if there is no such active pin */
    @Transactional
    public boolean removePin(long id, Instant at, String actor, String channel) {
        int removed = jdbc.sql("""
                        INSERT INTO exchange_pin_removal (pin_id, removed_at, removed_by)
                        SELECT id, ?, ? FROM exchange_pin WHERE id = ?
                        ON CONFLICT (pin_id) DO NOTHING""").params(Timestamp.from(at), actor, id).update();
        if (removed == 1) {
            audit(at, actor, channel, "unpin", "accepted", "pin " + id);
        }
        return removed == 1;
    }

    /**
     * One audit row, in its own statement: a refused attempt is recorded although nothing else is.
     *
     * @param subject what the attempt was about, from verified or generated data only (a sequence
     *     number, an authority id, key ids), never text a person typed
     */
    public void audit(Instant at, String actor, String channel, String action, String outcome, String subject) {
        jdbc.sql("""
                        INSERT INTO exchange_audit (at, actor, channel, action, outcome, subject)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(Timestamp.from(at), actor, channel, action, outcome, subject)
                .update();
    }

    /** The latest audit row of {@code action} a step refused (an outcome other than accepted), if any. */
    public Optional<AuditRow> latestRefused(String action) {
        return jdbc.sql("""
                        SELECT at, actor, channel, action, outcome, subject FROM exchange_audit
                        WHERE action = ? AND outcome <> 'accepted' ORDER BY at DESC, id DESC LIMIT 1""")
                .param(action)
                .query((rs, n) -> new AuditRow(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .optional();
    }

    /**
     * Messages this node's inbox refused and deliveries that failed on the sending side, newest first:
     * the audit rows of channels {@code inbox} (subject the SHA-256 of the bytes: the sender is not
     * known before the message verifies) and {@code outbox} (subject the message id, so the outbox
     * row gives its conversation and recipient).
     */
    /** Refusals and delivery failures of one channel ({@code inbox} or {@code outbox}), newest first. */
    public List<ProblemRow> messageProblems(String channel, int limit, int offset) {
        return jdbc.sql("""
                        SELECT a.at, a.channel, a.action, a.outcome, a.subject, o.conversation_id, o.recipient, o.type
                        FROM exchange_audit a
                        LEFT JOIN exchange_outbox o ON a.channel = 'outbox' AND o.message_id::text = a.subject
                        WHERE a.channel = ? AND a.outcome NOT IN ('accepted', 'duplicate')
                        ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?""")
                .params(channel, limit, offset)
                .query((rs, n) -> new ProblemRow(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, java.util.UUID.class),
                        rs.getString(7),
                        rs.getString(8)))
                .list();
    }

    /** One audited refusal or delivery failure, with the outbox row's facts for a sent message. */
    public record ProblemRow(
            Instant at,
            String channel,
            String action,
            String outcome,
            String subject,
            java.util.@org.jspecify.annotations.Nullable UUID conversation,
            @org.jspecify.annotations.Nullable String recipient,
            @org.jspecify.annotations.Nullable String type) {}

    public List<AuditRow> audit(int limit) {
        return jdbc.sql("""
                        SELECT at, actor, channel, action, outcome, subject FROM exchange_audit
                        ORDER BY at DESC, id DESC LIMIT ?""")
                .param(limit)
                .query((rs, n) -> new AuditRow(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
    }
}
