package org.comity.casework.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.comity.safeguards.ReviewerFacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The reviewer's facts of each request ({@code casework_reviewer_facts}, Flyway V53), kept apart from its content. */
@Repository
public class JdbcReviewerFacts {

    private final JdbcClient jdbc;
    private final JsonMapper json = CaseworkJson.mapper();

    public JdbcReviewerFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReviewerFacts> of(UUID requestId) {
        return jdbc.sql("SELECT facts FROM casework_reviewer_facts WHERE request_id = ?")
                .param(requestId)
                .query((rs, n) -> json.readValue(rs.getString("facts"), ReviewerFacts.class))
                .optional();
    }

    public void put(UUID requestId, ReviewerFacts facts, String by, Instant at) {
        jdbc.sql("""
                        INSERT INTO casework_reviewer_facts (request_id, facts, recorded_by, recorded_at)
                        VALUES (?, ?::jsonb, ?, ?)
                        ON CONFLICT (request_id) DO UPDATE
                        SET facts = EXCLUDED.facts, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at
                        """)
                .params(requestId, json.writeValueAsString(facts), by, Timestamp.from(at))
                .update();
    }
}
