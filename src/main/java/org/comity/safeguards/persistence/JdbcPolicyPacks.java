package org.comity.safeguards.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.comity.safeguards.PolicyPackImportAttempt;
import org.comity.shared.CountryCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Policy packs imported by administrators (append-only, every version) and the audit of every import attempt. */
@Repository
public class JdbcPolicyPacks {

    private final JdbcClient jdbc;

    public JdbcPolicyPacks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored pack version with its text, as imported. */
    public record StoredPack(
            CountryCode state,
            int version,
            String packId,
            String source,
            String sha256,
            String body,
            String importedBy,
            Instant importedAt) {}

    /** Stores a pack version; the primary key (state, version) refuses a second import of the same version. */
    public void insert(StoredPack pack) {
        jdbc.sql("""
                        INSERT INTO safeguards_policy_pack (state, version, pack_id, source, sha256, body, imported_by,
                            imported_at)
                        VALUES (:state, :version, :packId, :source, :sha256, :body, :by, :at)
                        """)
                .param("state", pack.state().value())
                .param("version", pack.version())
                .param("packId", pack.packId())
                .param("source", pack.source())
                .param("sha256", pack.sha256())
                .param("body", pack.body())
                .param("by", pack.importedBy())
                .param("at", Timestamp.from(pack.importedAt()))
                .update();
    }

    /** Every stored version of every State, in import order. */
    public List<StoredPack> all() {
        return jdbc.sql("SELECT * FROM safeguards_policy_pack ORDER BY state, version")
                .query((rs, n) -> new StoredPack(
                        CountryCode.of(rs.getString("state")),
                        rs.getInt("version"),
                        rs.getString("pack_id"),
                        rs.getString("source"),
                        rs.getString("sha256"),
                        rs.getString("body"),
                        rs.getString("imported_by"),
                        rs.getTimestamp("imported_at").toInstant()))
                .list();
    }

    public void audit(PolicyPackImportAttempt attempt) {
        jdbc.sql("""
                        INSERT INTO safeguards_policy_pack_import (attempted_at, attempted_by, state, version, source,
                            sha256, outcome, problems)
                        VALUES (:at, :by, :state, :version, :source, :sha256, :outcome, :problems)
                        """)
                .param("at", Timestamp.from(attempt.attemptedAt()))
                .param("by", attempt.attemptedBy())
                .param("state", attempt.state() == null ? null : attempt.state().value())
                .param("version", attempt.version())
                .param("source", attempt.source())
                .param("sha256", attempt.sha256())
                .param("outcome", attempt.outcome())
                .param("problems", attempt.problems())
                .update();
    }

    /** The latest import attempts, newest first. */
    public List<PolicyPackImportAttempt> attempts(int limit) {
        return jdbc.sql("SELECT * FROM safeguards_policy_pack_import ORDER BY attempted_at DESC, id DESC LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new PolicyPackImportAttempt(
                        rs.getTimestamp("attempted_at").toInstant(),
                        rs.getString("attempted_by"),
                        rs.getString("state") == null ? null : CountryCode.of(rs.getString("state")),
                        (Integer) rs.getObject("version"),
                        rs.getString("source"),
                        rs.getString("sha256"),
                        rs.getString("outcome"),
                        rs.getInt("problems")))
                .list();
    }
}
