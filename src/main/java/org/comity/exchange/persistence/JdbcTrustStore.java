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
    public record StoredDirectory(long sequence, String document, Instant loadedAt, String loadedBy) {}

    /** A stored pin, active unless removed. */
    public record StoredPin(long id, String document, Fingerprint fingerprint, Instant pinnedAt, String pinnedBy) {}

    public record AuditRow(Instant at, String actor, String channel, String action, String outcome, String subject) {}

    public Optional<StoredDirectory> latestDirectory() {
        return jdbc.sql("""
                        SELECT sequence, document, loaded_at, loaded_by FROM exchange_directory
                        ORDER BY sequence DESC LIMIT 1""")
                .query((rs, n) -> new StoredDirectory(
                        rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4)))
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
        audit(at, actor, "api", "pin", "accepted", card.entry().authority().id().value());
        return id;
    }

    /** @return false if there is no such active pin */
    @Transactional
    public boolean removePin(long id, Instant at, String actor) {
        int removed = jdbc.sql("""
                        INSERT INTO exchange_pin_removal (pin_id, removed_at, removed_by)
                        SELECT id, ?, ? FROM exchange_pin WHERE id = ?
                        ON CONFLICT (pin_id) DO NOTHING""").params(Timestamp.from(at), actor, id).update();
        if (removed == 1) {
            audit(at, actor, "api", "unpin", "accepted", "pin " + id);
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
