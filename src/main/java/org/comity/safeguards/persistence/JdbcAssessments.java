package org.comity.safeguards.persistence;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.safeguards.Assessment;
import org.comity.safeguards.AssessmentInput;
import org.comity.safeguards.Finding;
import org.comity.safeguards.InputsUsed;
import org.comity.safeguards.StoredAssessment;
import org.comity.shared.CountryCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Assessments (append-only), subject identifiers seen and persecution refusals. */
@Repository
public class JdbcAssessments {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public JdbcAssessments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredAssessment stored) {
        var a = stored.assessment();
        jdbc.sql("""
                        INSERT INTO safeguards_assessment (id, request_id, request_version, assessed_at, assessed_by,
                            requesting, requested, input, inputs_used, findings, highest, has_bar)
                        VALUES (:id, :requestId, :version, :at, :by, :requesting, :requested, :input::jsonb,
                            :inputsUsed::jsonb, :findings::jsonb, :highest, :hasBar)
                        """)
                .param("id", stored.id())
                .param("requestId", a.requestId())
                .param("version", a.version())
                .param("at", Timestamp.from(stored.assessedAt()))
                .param("by", stored.assessedBy())
                .param("requesting", stored.input().requesting().value())
                .param("requested", stored.input().requested().value())
                .param("input", json.writeValueAsString(stored.input()))
                .param("inputsUsed", json.writeValueAsString(a.inputs()))
                .param("findings", json.writeValueAsString(a.findings()))
                .param("highest", a.highest().map(s -> s.code()).orElse(null))
                .param("hasBar", a.hasBar())
                .update();
        var input = stored.input();
        var identifiers = input.subjects().stream()
                .flatMap(subject -> subject.identifiers().stream())
                .distinct()
                .toArray(String[]::new);
        // The newest version assessed speaks for the request: it drops what it no longer names and adds
        // what it does. An older version assessed late (none is, today) changes nothing.
        jdbc.sql("""
                        DELETE FROM safeguards_subject_seen
                        WHERE request_id = :request AND request_version <= :version
                          AND NOT (identifier = ANY(:identifiers))
                          AND NOT EXISTS (SELECT 1 FROM safeguards_subject_seen
                                          WHERE request_id = :request AND request_version > :version)
                        """)
                .param("request", input.requestId())
                .param("version", input.version())
                .param("identifiers", identifiers)
                .update();
        if (identifiers.length > 0) {
            jdbc.sql("""
                            INSERT INTO safeguards_subject_seen
                                (request_id, requesting, requested, request_date, identifier, request_version)
                            SELECT :request, :requesting, :requested, :date, identifier, :version
                            FROM unnest(:identifiers) AS identifier
                            WHERE NOT EXISTS (SELECT 1 FROM safeguards_subject_seen
                                              WHERE request_id = :request AND request_version > :version)
                            ON CONFLICT (request_id, identifier) DO UPDATE SET request_version = EXCLUDED.request_version,
                                requesting = EXCLUDED.requesting, requested = EXCLUDED.requested,
                                request_date = EXCLUDED.request_date
                            """)
                    .param("request", input.requestId())
                    .param("requesting", input.requesting().value())
                    .param("requested", input.requested().value())
                    .param("date", input.requestDate())
                    .param("identifiers", identifiers)
                    .param("version", input.version())
                    .update();
        }
    }

    public Optional<StoredAssessment> find(UUID id) {
        return jdbc.sql("SELECT * FROM safeguards_assessment WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> map(rs))
                .optional();
    }

    /** Every assessment of a request, oldest first. */
    public List<StoredAssessment> ofRequest(UUID requestId) {
        return jdbc.sql("SELECT * FROM safeguards_assessment WHERE request_id = :id ORDER BY assessed_at, id")
                .param("id", requestId)
                .query((rs, n) -> map(rs))
                .list();
    }

    /**
     * Earlier requests that share an identifier with these, or come from a State with persecution
     * refusals: one round trip, as it runs for every new version. Sharing requests come first (by date),
     * then refusals not already among them.
     */
    public List<AssessmentInput.PriorRequest> history(
            UUID requestId, CountryCode requesting, List<String> identifiers) {
        var byRequest = new LinkedHashMap<UUID, AssessmentInput.PriorRequest>();
        jdbc.sql("""
                        SELECT 0 AS part, s.request_id, s.requesting, s.requested, s.request_date AS day,
                               array_agg(s.identifier ORDER BY s.identifier) AS identifiers,
                               (r.request_id IS NOT NULL) AS refused
                        FROM safeguards_subject_seen s
                        LEFT JOIN safeguards_persecution_refusal r ON r.request_id = s.request_id
                        WHERE s.identifier = ANY(:identifiers) AND s.request_id <> :request
                        GROUP BY s.request_id, s.requesting, s.requested, s.request_date, r.request_id
                        UNION ALL
                        SELECT 1, request_id, requesting, requested, refused_on, ARRAY[]::text[], true
                        FROM safeguards_persecution_refusal
                        WHERE requesting = :requesting AND request_id <> :request
                        ORDER BY part, day, request_id
                        """)
                .param("identifiers", identifiers.toArray(String[]::new))
                .param("request", requestId)
                .param("requesting", requesting.value())
                .query((rs, n) -> new AssessmentInput.PriorRequest(
                        rs.getObject("request_id", UUID.class),
                        CountryCode.of(rs.getString("requesting").strip()),
                        CountryCode.of(rs.getString("requested").strip()),
                        rs.getObject("day", LocalDate.class),
                        List.of((String[]) rs.getArray("identifiers").getArray()),
                        rs.getBoolean("refused")))
                .list()
                .forEach(p -> byRequest.putIfAbsent(p.requestId(), p));
        return new ArrayList<>(byRequest.values());
    }

    public void recordPersecutionRefusal(UUID requestId, CountryCode requesting, CountryCode requested, LocalDate on) {
        jdbc.sql("""
                        INSERT INTO safeguards_persecution_refusal (request_id, requesting, requested, refused_on)
                        VALUES (:request, :requesting, :requested, :on) ON CONFLICT DO NOTHING
                        """)
                .param("request", requestId)
                .param("requesting", requesting.value())
                .param("requested", requested.value())
                .param("on", on)
                .update();
    }

    private StoredAssessment map(java.sql.ResultSet rs) throws java.sql.SQLException {
        var input = json.readValue(rs.getString("input"), AssessmentInput.class);
        var used = json.readValue(rs.getString("inputs_used"), InputsUsed.class);
        List<Finding> findings = json.readValue(rs.getString("findings"), new TypeReference<List<Finding>>() {});
        return new StoredAssessment(
                rs.getObject("id", UUID.class),
                rs.getTimestamp("assessed_at").toInstant(),
                rs.getString("assessed_by"),
                input,
                new Assessment(input.requestId(), rs.getLong("request_version"), used, findings));
    }
}
