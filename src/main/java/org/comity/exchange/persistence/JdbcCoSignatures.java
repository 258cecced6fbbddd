package org.comity.exchange.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Supervisors' registered keys, emergency messages prepared for a co-signature, and the co-signatures (V95). */
@Repository
public class JdbcCoSignatures {

    private final JdbcClient jdbc;

    public JdbcCoSignatures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A registered key; {@code withdrawnAt} once its holder or an administrator withdrew it. */
    public record StoredKey(
            String keyId,
            String username,
            String jwk,
            Instant registeredAt,
            @org.jspecify.annotations.Nullable Instant withdrawnAt) {}

    /**
     * A prepared emergency message: everything its envelope says, fixed before anyone signs it.
     *
     * @param signedPayload the base64url JWS payload, exactly as both signatures cover it
     */
    public record Prepared(
            UUID messageId,
            String subject,
            UUID conversationId,
            String recipient,
            String pairingToken,
            String payload,
            String signedPayload,
            Instant created,
            Instant expires,
            String preparedBy,
            Instant preparedAt) {}

    public record CoSignature(UUID messageId, String username, String keyId, String header, String signature) {}

    /** @return false if a key with this id is registered already */
    public boolean registerKey(String keyId, String username, String jwk, Instant at) {
        return jdbc.sql("""
                        INSERT INTO exchange_supervisor_key (key_id, username, jwk, registered_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (key_id) DO NOTHING""").params(keyId, username, jwk, Timestamp.from(at)).update() == 1;
    }

    public List<StoredKey> keys() {
        return jdbc.sql("""
                        SELECT k.key_id, k.username, k.jwk, k.registered_at, w.withdrawn_at
                        FROM exchange_supervisor_key k
                        LEFT JOIN exchange_supervisor_key_withdrawal w ON w.key_id = k.key_id
                        ORDER BY k.registered_at""")
                .query((rs, n) -> new StoredKey(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** Records the withdrawal; false if the key was withdrawn already. */
    public boolean withdrawKey(String keyId, String by, Instant at) {
        return jdbc.sql("""
                        INSERT INTO exchange_supervisor_key_withdrawal (key_id, withdrawn_by, withdrawn_at)
                        VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING""").params(keyId, by, Timestamp.from(at)).update() == 1;
    }

    public void prepare(Prepared p) {
        jdbc.sql("""
                        INSERT INTO exchange_prepared (message_id, subject, conversation_id, recipient, pairing_token,
                            payload, signed_payload, created_at, expires_at, prepared_by, prepared_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        p.messageId(),
                        p.subject(),
                        p.conversationId(),
                        p.recipient(),
                        p.pairingToken(),
                        p.payload(),
                        p.signedPayload(),
                        Timestamp.from(p.created()),
                        Timestamp.from(p.expires()),
                        p.preparedBy(),
                        Timestamp.from(p.preparedAt()))
                .update();
    }

    private static final String PREPARED = """
            SELECT message_id, subject, conversation_id, recipient, pairing_token, payload, signed_payload,
                created_at, expires_at, prepared_by, prepared_at FROM exchange_prepared p""";

    public Optional<Prepared> prepared(UUID messageId) {
        return jdbc.sql(PREPARED + " WHERE message_id = ?")
                .param(messageId)
                .query(JdbcCoSignatures::prepared)
                .optional();
    }

    /** The newest message prepared for this subject that has not gone to the outbox. */
    public Optional<Prepared> unsent(String subject) {
        return jdbc.sql(PREPARED + """
                         WHERE subject = ?
                         AND NOT EXISTS (SELECT 1 FROM exchange_outbox o WHERE o.message_id = p.message_id)
                        ORDER BY prepared_at DESC LIMIT 1""")
                .param(subject)
                .query(JdbcCoSignatures::prepared)
                .optional();
    }

    /** @return false if the message is co-signed already */
    public boolean coSign(CoSignature c, Instant at) {
        return jdbc.sql("""
                        INSERT INTO exchange_co_signature (message_id, username, key_id, protected, signature, signed_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING""")
                        .params(c.messageId(), c.username(), c.keyId(), c.header(), c.signature(), Timestamp.from(at))
                        .update()
                == 1;
    }

    public Optional<CoSignature> coSignature(UUID messageId) {
        return jdbc.sql("SELECT message_id, username, key_id, protected, signature FROM exchange_co_signature"
                        + " WHERE message_id = ?")
                .param(messageId)
                .query((rs, n) -> new CoSignature(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5)))
                .optional();
    }

    private static Prepared prepared(ResultSet rs, int n) throws SQLException {
        return new Prepared(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9).toInstant(),
                rs.getString(10),
                rs.getTimestamp(11).toInstant());
    }
}
