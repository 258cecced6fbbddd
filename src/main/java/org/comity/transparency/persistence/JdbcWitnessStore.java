package org.comity.transparency.persistence;

import java.time.Instant;
import java.util.Optional;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.witness.Verdict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The witness's record of the latest checkpoint it cosigned per log ({@code witness_checkpoint}).
 * {@link #record} is a compare-and-set in one statement: it replaces exactly the tree the request was
 * judged against, so of two concurrent requests from the same size only one is recorded and cosigned.
 */
@Repository
public class JdbcWitnessStore {

    private final JdbcClient jdbc;

    public JdbcWitnessStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Verdict.Known> known(String origin) {
        return jdbc.sql("SELECT size, root FROM witness_checkpoint WHERE origin = ?")
                .param(origin)
                .query((rs, n) -> new Verdict.Known(rs.getLong("size"), Hash.of(rs.getBytes("root"))))
                .optional();
    }

    /** The checkpoint note last cosigned for {@code origin}, as the log sent it. */
    public Optional<String> note(String origin) {
        return jdbc.sql("SELECT checkpoint FROM witness_checkpoint WHERE origin = ?")
                .param(origin)
                .query(String.class)
                .optional();
    }

    /**
     * Records {@code checkpoint} if the stored tree is still {@code replaces} (none: no row yet).
     *
     * @return whether it was recorded; false means another request moved the log first
     */
    public boolean record(Optional<Verdict.Known> replaces, Checkpoint checkpoint, String note, Instant at) {
        if (replaces.isEmpty()) {
            return jdbc.sql("""
                            INSERT INTO witness_checkpoint (origin, size, root, checkpoint, updated_at)
                            VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin) DO NOTHING""")
                            .params(
                                    checkpoint.origin(),
                                    checkpoint.size(),
                                    checkpoint.root().bytes(),
                                    note,
                                    java.sql.Timestamp.from(at))
                            .update()
                    == 1;
        }
        return jdbc.sql("""
                        UPDATE witness_checkpoint SET size = ?, root = ?, checkpoint = ?, updated_at = ?
                        WHERE origin = ? AND size = ? AND root = ?""")
                        .params(
                                checkpoint.size(),
                                checkpoint.root().bytes(),
                                note,
                                java.sql.Timestamp.from(at),
                                checkpoint.origin(),
                                replaces.get().size(),
                                replaces.get().root().bytes())
                        .update()
                == 1;
    }
}
