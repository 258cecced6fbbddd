package org.comity.transparency.persistence;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What this log's witnesses answered ({@code log_cosignature}, {@code log_witness_size}): kept so that
 * a restarted node serves its latest checkpoint with the cosignatures it had, and submits to each
 * witness from the size that witness last cosigned.
 */
@Repository
public class JdbcCosignatureStore {

    private final JdbcClient jdbc;

    public JdbcCosignatureStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records {@code witness}'s cosignature line of the checkpoint of {@code size}, and that size. */
    public void cosigned(long size, String witness, String line, Instant now) {
        jdbc.sql("""
                        INSERT INTO log_cosignature (size, witness, line, stored_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (size, witness) DO NOTHING""").params(size, witness, line, java.sql.Timestamp.from(now)).update();
        saw(witness, size, now);
    }

    /** Records that {@code witness} holds {@code size} (a 409 said so, or it cosigned it); never shrinks. */
    public void saw(String witness, long size, Instant now) {
        jdbc.sql("""
                        INSERT INTO log_witness_size (witness, size, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (witness) DO UPDATE SET size = EXCLUDED.size, updated_at = EXCLUDED.updated_at
                        WHERE log_witness_size.size < EXCLUDED.size""").params(witness, size, java.sql.Timestamp.from(now)).update();
    }

    /** The cosignature lines of the checkpoint of {@code size}, by witness name. */
    public List<String> lines(long size) {
        return jdbc.sql("SELECT line FROM log_cosignature WHERE size = ? ORDER BY witness")
                .param(size)
                .query(String.class)
                .list();
    }

    /** Each witness's last known size. */
    public Map<String, Long> sizes() {
        Map<String, Long> sizes = new HashMap<>();
        jdbc.sql("SELECT witness, size FROM log_witness_size")
                .query((rs, n) -> sizes.put(rs.getString("witness"), rs.getLong("size")))
                .list();
        return sizes;
    }
}
