package org.comity.jurisdiction.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Profiles as YAML documents in PostgreSQL, with an append-only import history. */
@Repository
public class JdbcProfiles {

    /** One stored profile document and its version. */
    public record Stored(CountryCode state, String document, int version) {}

    private final JdbcClient jdbc;

    public JdbcProfiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Stored> all() {
        return jdbc.sql("SELECT state, document, version FROM jurisdiction_profile ORDER BY state")
                .query((rs, n) -> new Stored(CountryCode.of(rs.getString(1)), rs.getString(2), rs.getInt(3)))
                .list();
    }

    /** The stored document, when the last import was by {@code actor} (the seed importer's name). */
    public Optional<String> documentImportedBy(CountryCode state, String actor) {
        return jdbc.sql("SELECT document FROM jurisdiction_profile WHERE state = ? AND updated_by = ?")
                .params(state.value(), actor)
                .query(String.class)
                .optional();
    }

    public Optional<Integer> version(CountryCode state) {
        return jdbc.sql("SELECT version FROM jurisdiction_profile WHERE state = ? FOR UPDATE")
                .param(state.value())
                .query(Integer.class)
                .optional();
    }

    /** Inserts or replaces the profile; returns the new version. Call inside a transaction. */
    public int save(
            CountryCode state,
            boolean fictional,
            java.time.LocalDate asOf,
            int offences,
            String document,
            Instant at,
            String actor) {
        return jdbc.sql("""
                        INSERT INTO jurisdiction_profile (state, fictional, as_of, offences, document, version, updated_at, updated_by)
                        VALUES (:state, :fictional, :asOf, :offences, :document, 1, :at, :actor)
                        ON CONFLICT (state) DO UPDATE SET
                            fictional = excluded.fictional, as_of = excluded.as_of, offences = excluded.offences,
                            document = excluded.document, version = jurisdiction_profile.version + 1,
                            updated_at = excluded.updated_at, updated_by = excluded.updated_by
                        RETURNING version
                        """)
                .param("state", state.value())
                .param("fictional", fictional)
                .param("asOf", Date.valueOf(asOf))
                .param("offences", offences)
                .param("document", document)
                .param("at", Timestamp.from(at))
                .param("actor", actor)
                .query(Integer.class)
                .single();
    }

    public void audit(Instant at, String actor, CountryCode state, int version, String action, String fileName) {
        jdbc.sql("""
                        INSERT INTO jurisdiction_profile_event (at, actor, state, version, action, file_name)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                .params(Timestamp.from(at), actor, state.value(), version, action, fileName)
                .update();
    }
}
