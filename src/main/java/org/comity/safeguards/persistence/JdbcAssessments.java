package org.comity.safeguards.persistence;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        var input = stored.input();
        var identifiers = input.subjects().stream()
                .flatMap(subject -> subject.identifiers().stream())
                .distinct()
                .toArray(String[]::new);
        // The assessment and the identifiers it saw go in one statement (data-modifying WITHs), so a
        // create pays one round trip for both (issue 18). The newest version assessed speaks for the
        // request: it drops what it no longer names and adds what it does; an older version assessed
        // late (none is, today) changes nothing. The parts touch different rows or tables, so none
        // needs to see another's.
        jdbc.sql("""
                        WITH stored AS (
                            INSERT INTO safeguards_assessment (id, request_id, request_version, assessed_at,
                                assessed_by, requesting, requested, input, inputs_used, findings, highest, has_bar)
                            VALUES (:id, :request, :version, :at, :by, :requesting, :requested, :input::jsonb,
                                :inputsUsed::jsonb, :findings::jsonb, :highest, :hasBar)),
                        newer AS (SELECT EXISTS (SELECT 1 FROM safeguards_subject_seen
                                                 WHERE request_id = :request AND request_version > :version) AS present),
                        dropped AS (
                            DELETE FROM safeguards_subject_seen
                            WHERE request_id = :request AND request_version <= :version
                              AND NOT (identifier = ANY(:identifiers))
                              AND NOT (SELECT present FROM newer))
                        INSERT INTO safeguards_subject_seen
                            (request_id, requesting, requested, request_date, identifier, request_version)
                        SELECT :request, :requesting, :requested, :date, identifier, :version
                        FROM unnest(CAST(:identifiers AS text[])) AS identifier
                        WHERE NOT (SELECT present FROM newer)
                        ON CONFLICT (request_id, identifier) DO UPDATE SET request_version = EXCLUDED.request_version,
                            requesting = EXCLUDED.requesting, requested = EXCLUDED.requested,
                            request_date = EXCLUDED.request_date
                        """)
                .param("id", stored.id())
                .param("request", a.requestId())
                .param("version", a.version())
                .param("at", Timestamp.from(stored.assessedAt()))
                .param("by", stored.assessedBy())
                .param("requesting", input.requesting().value())
                .param("requested", input.requested().value())
                .param("input", json.writeValueAsString(input))
                .param("inputsUsed", json.writeValueAsString(a.inputs()))
                .param("findings", json.writeValueAsString(a.findings()))
                .param("highest", a.highest().map(s -> s.code()).orElse(null))
                .param("hasBar", a.hasBar())
                .param("date", input.requestDate())
                .param("identifiers", identifiers)
                .update();
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
     * Earlier requests in the node's records that named one of a subject's identifiers.
     *
     * @param atLeast counting stopped at the limit
     * @param states the States of the requests counted (of the first {@code limit} per identifier)
     * @param examples the oldest, oldest first
     */
    public record SubjectCount(
            int subject,
            long requests,
            boolean atLeast,
            Set<CountryCode> states,
            List<AssessmentInput.PriorRequest> examples) {}

    /** What {@link #recorded} found: per subject named by earlier requests, and the State's refusals. */
    public record Counts(List<SubjectCount> subjects, long refusals, boolean refusalsAtLeast) {}

    /**
     * Counts earlier requests for the pattern rules in one round trip, reading a bounded slice whatever
     * the history: per identifier at most {@code limit} rows, the oldest within the window first (from
     * the index alone), so an identifier a hundred thousand requests name costs what one a hundred name
     * costs. Per subject: the distinct requests among them, whether a slice was full (then there are at
     * least that many), their States, and the oldest {@code examples}. Then the requesting State's
     * refusals on persecution grounds, also up to {@code limit}. Not counted: this request, and those
     * in {@code listed} (the caller's own history, which the rules read one by one).
     *
     * <p>A refused request that shares an identifier is dated by the request, others by the refusal, as
     * the rules always read them.
     *
     * @param from the earliest request date that counts ({@link LocalDate#MIN}: no window)
     */
    public Counts recorded(
            UUID requestId,
            CountryCode requesting,
            List<List<String>> identifiersBySubject,
            Set<UUID> listed,
            LocalDate from,
            int limit,
            int examples) {
        var subjects = new ArrayList<Integer>();
        var identifiers = new ArrayList<String>();
        for (int i = 0; i < identifiersBySubject.size(); i++) {
            for (var identifier : new java.util.LinkedHashSet<>(identifiersBySubject.get(i))) {
                subjects.add(i);
                identifiers.add(identifier);
            }
        }
        var bySubject = new java.util.TreeMap<Integer, SubjectCount>();
        var refusals = new long[1];
        var refusalsAtLeast = new boolean[1];
        jdbc.sql("""
                        WITH q AS (SELECT * FROM unnest(CAST(:subjects AS int[]), CAST(:identifiers AS text[]))
                                   AS q(subject, identifier)),
                        hits AS MATERIALIZED (
                            SELECT q.subject, h.* FROM q CROSS JOIN LATERAL (
                                SELECT s.request_id, s.identifier, s.requesting, s.requested, s.request_date
                                FROM safeguards_subject_seen s
                                WHERE s.identifier = q.identifier AND s.request_date >= :from
                                  AND s.request_id <> :request AND s.request_id <> ALL(:listed)
                                ORDER BY s.request_date, s.request_id
                                LIMIT :limit) h),
                        per_identifier AS (
                            SELECT subject, count(*) >= :limit AS full FROM hits GROUP BY subject, identifier),
                        per_subject AS (
                            SELECT h.subject, count(DISTINCT h.request_id) AS requests,
                                   (SELECT bool_or(p.full) FROM per_identifier p WHERE p.subject = h.subject) AS full,
                                   array_agg(DISTINCT h.requesting) || array_agg(DISTINCT h.requested) AS states
                            FROM hits h GROUP BY h.subject),
                        examples AS (
                            SELECT subject, request_id, min(requesting) AS requesting, min(requested) AS requested,
                                   min(request_date) AS day, array_agg(identifier ORDER BY identifier) AS identifiers,
                                   row_number() OVER (PARTITION BY subject ORDER BY min(request_date), request_id) AS n
                            FROM hits GROUP BY subject, request_id)
                        SELECT p.subject, p.requests, p.full, p.states, e.request_id, e.requesting, e.requested,
                               e.day, e.identifiers, (r.request_id IS NOT NULL) AS refused
                        FROM per_subject p
                        JOIN examples e ON e.subject = p.subject AND e.n <= :examples
                        LEFT JOIN safeguards_persecution_refusal r ON r.request_id = e.request_id
                        UNION ALL
                        SELECT -1, count(*), count(*) >= :limit, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                        FROM (SELECT 1 FROM safeguards_persecution_refusal r
                              WHERE r.requesting = :requesting AND r.request_id <> :request
                                AND r.request_id <> ALL(:listed)
                                AND coalesce((SELECT s.request_date FROM safeguards_subject_seen s
                                              WHERE s.request_id = r.request_id
                                                AND s.identifier = ANY(CAST(:identifiers AS text[]))
                                              LIMIT 1), r.refused_on) >= :from
                              LIMIT :limit) refused
                        ORDER BY 1, 8, 5
                        """)
                .param("subjects", subjects.toArray(Integer[]::new))
                .param("identifiers", identifiers.toArray(String[]::new))
                .param("request", requestId)
                .param("listed", listed.toArray(UUID[]::new))
                .param("requesting", requesting.value())
                .param("from", from)
                .param("limit", limit)
                .param("examples", examples)
                .query(rs -> {
                    int subject = rs.getInt("subject");
                    if (subject < 0) {
                        refusals[0] = rs.getLong("requests");
                        refusalsAtLeast[0] = rs.getBoolean("full");
                        return;
                    }
                    var example = new AssessmentInput.PriorRequest(
                            rs.getObject("request_id", UUID.class),
                            CountryCode.of(rs.getString("requesting").strip()),
                            CountryCode.of(rs.getString("requested").strip()),
                            rs.getObject("day", LocalDate.class),
                            List.of((String[]) rs.getArray("identifiers").getArray()),
                            rs.getBoolean("refused"));
                    var count = bySubject.computeIfAbsent(subject, i -> {
                        try {
                            var states = new java.util.TreeSet<CountryCode>();
                            for (var state : (String[]) rs.getArray("states").getArray()) {
                                states.add(CountryCode.of(state.strip()));
                            }
                            return new SubjectCount(
                                    i, rs.getLong("requests"), rs.getBoolean("full"), states, new ArrayList<>());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                    count.examples().add(example);
                });
        return new Counts(
                bySubject.values().stream()
                        .map(c -> new SubjectCount(
                                c.subject(),
                                c.requests(),
                                c.atLeast(),
                                Set.copyOf(c.states()),
                                List.copyOf(c.examples())))
                        .toList(),
                refusals[0],
                refusalsAtLeast[0]);
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
