package org.comity.casework.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.comity.casework.AuditEntry;
import org.comity.casework.Comment;
import org.comity.casework.Page;
import org.comity.casework.RequestQuery;
import org.comity.casework.domain.AuditAction;
import org.comity.casework.domain.Channel;
import org.comity.casework.domain.Correspondence;
import org.comity.casework.domain.DeadlineClock;
import org.comity.casework.domain.Direction;
import org.comity.casework.domain.Preservation;
import org.comity.casework.domain.ReferenceFormat;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestState;
import org.comity.shared.Conflict;
import org.comity.treaty.KindOfAssistance;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests, their audit trail and comments in PostgreSQL. One row per request; every update names the
 * version it read and fails if someone else changed the row first, so two users never overwrite each
 * other silently.
 */
@Repository
public class JdbcRequests {

    private static final String COLUMNS = """
            id, version, direction, kind, state_data, content, deadline, preservation, assignee,
            created_by, created_at, updated_at, reference, channel, channel_on, counterpart_reference
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json = CaseworkJson.mapper();

    /** Lists count their matches exactly up to this many; beyond, the total is a lower bound. */
    private final long countBound;

    public JdbcRequests(
            JdbcClient jdbc,
            @org.springframework.beans.factory.annotation.Value("${comity.casework.list-count-bound:1000}")
                    long countBound) {
        this.jdbc = jdbc;
        this.countBound = countBound;
    }

    /**
     * Stores a new request, owned by {@code unit} (none: visible to every unit), and returns it with the
     * reference allocated to it: the next number of the year's sequence (V54). No lock is held to the
     * end of the transaction, so concurrent creations do not wait for each other; a creation that
     * rolls back leaves its number unused, and no number is ever given twice.
     */
    public Request insert(
            Request request, Instant now, @org.jspecify.annotations.Nullable String unit, ReferenceFormat format) {
        int year = request.createdAt().atZone(java.time.ZoneOffset.UTC).getYear();
        var params = params(request, now);
        params.addValue("unit", unit);
        params.addValue("referenceYear", year);
        params.addValue("referenceTemplate", format.template(request.kind(), year));
        params.addValue("sequence", ReferenceFormat.SEQUENCE);
        // The number is taken and written into the reference by the statement that stores the row: one
        // round trip per create, not two (issue 18). The padding is ReferenceFormat.format's: six digits
        // or more (lpad alone would cut a seventh).
        var reference = jdbc.sql("""
                        WITH taken AS (SELECT casework_next_reference_number(:referenceYear) AS number)
                        INSERT INTO casework_request (
                            id, version, direction, kind, state, open, awaiting_decision, state_data, content, deadline, preservation,
                            counterpart_state, emergency, assignee, created_by, created_at, updated_at, due_at,
                            clock_stopped, deadline_miss_reported, preservation_expires_at, preservation_warned,
                            search_text, unit, reference_year, reference_number, reference, channel, channel_on,
                            counterpart_reference)
                        SELECT
                            :id, :version, :direction, :kind, :state, :open, :awaitingDecision, :stateData::jsonb, :content::jsonb,
                            :deadline::jsonb, :preservation::jsonb, :counterpart, :emergency, :assignee, :createdBy,
                            :createdAt, :updatedAt, :dueAt, :clockStopped, :missReported, :preservationExpiresAt,
                            :preservationWarned, :searchText, :unit, :referenceYear, taken.number,
                            replace(CAST(:referenceTemplate AS text), CAST(:sequence AS text),
                                    CASE WHEN taken.number < 1000000 THEN lpad(taken.number::text, 6, '0')
                                         ELSE taken.number::text END),
                            :channel, :channelOn, :counterpartReference
                        FROM taken
                        RETURNING reference
                        """).paramSource(params).query(String.class).single();
        return request.withReference(reference);
    }

    /**
     * Writes the references of requests numbered by the migration that introduced references, from the
     * configured format; once written, a reference is never rewritten.
     */
    public int writeMissingReferences(ReferenceFormat format) {
        var missing = jdbc.sql("""
                        SELECT id, kind, reference_year, reference_number FROM casework_request
                        WHERE reference IS NULL ORDER BY reference_year, reference_number
                        """)
                .query((rs, n) -> Map.entry(
                        rs.getObject("id", UUID.class),
                        format.format(
                                KindOfAssistance.valueOf(rs.getString("kind")),
                                rs.getInt("reference_year"),
                                rs.getLong("reference_number"))))
                .list();
        for (var entry : missing) {
            jdbc.sql("UPDATE casework_request SET reference = ? WHERE id = ? AND reference IS NULL")
                    .params(entry.getValue(), entry.getKey())
                    .update();
        }
        return missing.size();
    }

    /** Stores the changed request if nobody changed it since it was read; a conflict otherwise. */
    public void update(Request request, Instant now) {
        int updated = jdbc.sql("""
                        UPDATE casework_request SET
                            version = :version, state = :state, open = :open, awaiting_decision = :awaitingDecision, state_data = :stateData::jsonb,
                            content = :content::jsonb, deadline = :deadline::jsonb,
                            preservation = :preservation::jsonb, counterpart_state = :counterpart,
                            emergency = :emergency, assignee = :assignee, updated_at = :updatedAt, due_at = :dueAt,
                            clock_stopped = :clockStopped, deadline_miss_reported = :missReported,
                            preservation_expires_at = :preservationExpiresAt,
                            preservation_warned = :preservationWarned, search_text = :searchText,
                            channel = :channel, channel_on = :channelOn, counterpart_reference = :counterpartReference
                        WHERE id = :id AND version = :version - 1
                        """).paramSource(params(request, now)).update();
        if (updated == 0) {
            throw new Conflict(
                    "stale-version",
                    "the request was changed by someone else since you read it; reload it and try again");
        }
    }

    /**
     * Freezes the confidential record behind a public log entry and returns it (JSON): what the entry
     * commits to. An event id already frozen keeps its first record, which is returned.
     */
    public String savePublicRecord(UUID eventId, Request request, Instant at, java.time.LocalDate disclose) {
        var record = new java.util.LinkedHashMap<String, Object>();
        record.put("requestId", request.id());
        record.put("version", request.version());
        record.put("kind", request.kind().code());
        record.put("direction", request.direction().name().toLowerCase(java.util.Locale.ROOT));
        record.put("state", request.state());
        record.put("content", request.content());
        var serialized = json.writeValueAsString(record);
        int inserted = jdbc.sql("""
                        INSERT INTO casework_public_record (event_id, request_id, version, at, record, disclose)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING
                        """)
                .params(
                        eventId,
                        request.id(),
                        request.version(),
                        Timestamp.from(at),
                        serialized,
                        java.sql.Date.valueOf(disclose))
                .update();
        if (inserted == 1) {
            return serialized;
        }
        return publicRecord(eventId).orElseThrow().record();
    }

    /** The frozen record behind a public log entry, and the day from which it may be disclosed. */
    public record PublicRecord(String record, java.time.LocalDate disclose) {}

    public Optional<PublicRecord> publicRecord(UUID eventId) {
        return jdbc.sql("SELECT record, disclose FROM casework_public_record WHERE event_id = ?")
                .param(eventId)
                .query((rs, n) ->
                        new PublicRecord(rs.getString(1), rs.getDate(2).toLocalDate()))
                .optional();
    }

    /**
     * A frozen record read back with what it froze: for logging again an event recorded before the
     * log's outbox existed. {@code kind} and {@code direction} are the codes the record holds; the
     * decision, its approver and whether evidence went are read from the state it froze (which it
     * holds without its type name, so as fields).
     */
    public record StoredPublicRecord(
            UUID eventId,
            UUID requestId,
            long version,
            Instant at,
            String record,
            java.time.LocalDate disclose,
            String kind,
            String direction,
            RequestContent content,
            org.comity.casework.domain.@Nullable Decision decision,
            @Nullable String approvedBy,
            boolean evidenceTransmitted) {}

    /** Whether the one-time pass that queues events frozen before the log's outbox has run (V73). */
    public boolean logBackfillDone() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM casework_log_backfill)")
                .query(Boolean.class)
                .single();
    }

    public void recordLogBackfill(Instant at, long queued) {
        jdbc.sql("INSERT INTO casework_log_backfill (done_at, queued) VALUES (?, ?)")
                .params(Timestamp.from(at), queued)
                .update();
    }

    /** Frozen records in event-id order after {@code after} (from the first when null), at most {@code limit}. */
    public List<StoredPublicRecord> publicRecordsAfter(@Nullable UUID after, int limit) {
        return jdbc.sql("""
                        SELECT event_id, request_id, version, at, record, disclose FROM casework_public_record
                        WHERE ?::uuid IS NULL OR event_id > ?::uuid ORDER BY event_id LIMIT ?
                        """)
                .params(after, after, limit)
                .query((rs, n) -> {
                    var record = rs.getString(5);
                    var tree = json.readTree(record);
                    var state = tree.path("state");
                    var decision = state.path("decision");
                    var approvedBy = state.path("approvedBy");
                    return new StoredPublicRecord(
                            rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class),
                            rs.getLong(3),
                            rs.getTimestamp(4).toInstant(),
                            record,
                            rs.getDate(6).toLocalDate(),
                            tree.get("kind").asString(),
                            tree.get("direction").asString(),
                            json.treeToValue(tree.get("content"), RequestContent.class),
                            decision.isObject()
                                    ? json.treeToValue(decision, org.comity.casework.domain.Decision.class)
                                    : null,
                            approvedBy.isString() ? approvedBy.asString() : null,
                            state.path("evidenceTransmitted").asBoolean(false));
                })
                .list();
    }

    /**
     * The grant a request was last decided with, as frozen when it was decided: a granted request that
     * is executing or executed no longer holds its decision in its state, and the decision letter still
     * tells it. Empty if no grant was frozen for the request.
     */
    public Optional<org.comity.casework.domain.RequestState.Granted> lastGrant(UUID requestId) {
        return jdbc.sql("""
                        SELECT record FROM casework_public_record
                        WHERE request_id = ? AND (record::jsonb -> 'state' -> 'decision') IS NOT NULL
                        ORDER BY version DESC, at DESC LIMIT 1
                        """)
                .param(requestId)
                .query((rs, n) -> json.readTree(rs.getString(1)).path("state"))
                .optional()
                .flatMap(state -> {
                    var decision = json.treeToValue(state.get("decision"), org.comity.casework.domain.Decision.class);
                    if (!(decision instanceof org.comity.casework.domain.Decision.Granting granting)) {
                        return Optional.empty();
                    }
                    var approvedBy = state.path("approvedBy");
                    return Optional.of(new org.comity.casework.domain.RequestState.Granted(
                            granting,
                            state.path("decidedBy").asString(),
                            approvedBy.isString() ? approvedBy.asString() : null,
                            json.treeToValue(state.get("decidedAt"), Instant.class)));
                });
    }

    public Optional<Request> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM casework_request WHERE id = ?")
                .param(id)
                .query(this::request)
                .optional();
    }

    /** Whether the request exists and belongs to this unit or to none. */
    public boolean visibleTo(UUID id, String unit) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM casework_request WHERE id = ? AND (unit IS NULL OR unit = ?))")
                .params(id, unit)
                .query(Boolean.class)
                .single();
    }

    /** Those of these requests a user of {@code unit} may see: the unit's own and those of no unit. */
    public java.util.Set<UUID> visibleTo(java.util.Collection<UUID> ids, String unit) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.sql("""
                        SELECT id FROM casework_request WHERE id = ANY(:ids) AND (unit IS NULL OR unit = :unit)
                        """)
                .param("ids", ids.toArray(UUID[]::new))
                .param("unit", unit)
                .query(UUID.class)
                .list());
    }

    public Page<Request> list(RequestQuery query) {
        return list(query, Optional.empty());
    }

    /** A page of requests; {@code unit} confines it to that unit's requests and those of no unit. */
    public Page<Request> list(RequestQuery query, Optional<String> unit) {
        var where = new ArrayList<String>();
        var params = new LinkedHashMap<String, Object>();
        unit.ifPresent(u -> {
            where.add("(unit = :unit OR unit IS NULL)");
            params.put("unit", u);
        });
        if (query.direction() != null) {
            where.add("direction = :direction");
            params.put("direction", query.direction().name());
        }
        if (RequestQuery.OPEN.equals(query.state())) {
            where.add("open");
        } else if (query.state() != null) {
            where.add("state = :state");
            params.put("state", query.state());
        }
        if (query.kind() != null) {
            where.add("kind = :kind");
            params.put("kind", query.kind().name());
        }
        if (query.counterpart() != null) {
            where.add("counterpart_state = :counterpart");
            params.put("counterpart", query.counterpart().value());
        }
        if (query.assignee() != null) {
            where.add("assignee = :assignee");
            params.put("assignee", query.assignee());
        }
        if (query.dueBefore() != null) {
            // A stopped clock has no due date until it runs again. Only open requests have a due date
            // (table check): saying "open" lets PostgreSQL read the running-clock index instead of
            // scanning every request.
            where.add("open AND due_at < :dueBefore AND NOT clock_stopped");
            params.put("dueBefore", Timestamp.from(query.dueBefore()));
        }
        if (query.text() != null && !query.text().isBlank()) {
            // A reference is one word: typed whole, in any case, it finds its request.
            where.add("(search @@ plainto_tsquery('simple', :text) OR reference = :reference"
                    + " OR upper(counterpart_reference) = :reference)");
            params.put("text", query.text());
            params.put("reference", query.text().strip().toUpperCase(java.util.Locale.ROOT));
        }
        var filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        var order = switch (query.sort()) {
            case CREATED -> "created_at";
            case UPDATED -> "updated_at";
            case DUE -> "due_at";
        };
        // Created and updated are never null: a plain direction on both columns lets PostgreSQL read
        // the top of (column, id) indexes instead of sorting every matching row.
        var plain = query.descending() ? " DESC" : " ASC";
        var direction = query.sort() == RequestQuery.Sort.DUE ? plain + " NULLS LAST" : plain;
        // Counting every match costs a scan of all of them (a second at a million rows): count up to a
        // bound past the page asked for, and say "more than" beyond it. The bound is low (1 000) because
        // combined filters are read through bitmaps whose cost grows with it (95 ms at 1 000, 350 ms at
        // 10 000 for a word and a State over a million requests).
        long offset = (long) query.page() * query.size();
        long bound = Math.max(countBound, offset + query.size());
        params.put("countLimit", bound + 1);
        long counted = jdbc.sql(
                        "SELECT count(*) FROM (SELECT 1 FROM casework_request" + filter + " LIMIT :countLimit) matches")
                .params(params)
                .query(Long.class)
                .single();
        params.remove("countLimit");
        params.put("limit", query.size());
        params.put("offset", offset);
        // PostgreSQL guesses every text search matches 0.5 % of rows. For a rare word it then walks the
        // date index and tests each row (1.8 s for one match in a million); for a common one that walk is
        // right (0.2 ms). The bounded count says which it is: few matches are fetched through the text
        // index first and sorted, many are read in date order.
        boolean fewTextMatches = query.text() != null && !query.text().isBlank() && counted <= bound;
        var rows = fewTextMatches
                ? "(SELECT " + COLUMNS + ", due_at FROM casework_request" + filter + " OFFSET 0) few"
                : "casework_request" + filter;
        var items = jdbc.sql("SELECT " + COLUMNS + " FROM " + rows + " ORDER BY " + order + direction + ", id" + plain
                        + " LIMIT :limit OFFSET :offset")
                .params(params)
                .query(this::request)
                .list();
        return counted > bound
                ? new Page<>(items, query.page(), query.size(), bound, false)
                : new Page<>(items, query.page(), query.size(), counted, true);
    }

    /** Open requests that may have a missed deadline or a preservation about to lapse to announce. */
    public List<UUID> needingAttention(Instant now, Duration preservationWarning) {
        return jdbc.sql("""
                        SELECT id FROM casework_request
                        WHERE open AND (
                            (awaiting_decision AND NOT clock_stopped AND NOT deadline_miss_reported AND due_at < :now)
                            OR (NOT preservation_warned AND preservation_expires_at <= :warnFrom))
                        ORDER BY due_at
                        """)
                .param("now", Timestamp.from(now))
                .param("warnFrom", Timestamp.from(now.plus(preservationWarning)))
                .query(UUID.class)
                .list();
    }

    public void audit(
            UUID requestId,
            Instant at,
            String actor,
            String action,
            List<AuditAction> actions,
            boolean assessmentFailed,
            long fromVersion,
            String fromState,
            String toState) {
        jdbc.sql("""
                        INSERT INTO casework_audit (request_id, at, actor, action, actions, assessment_failed,
                                                    from_version, to_version, from_state, to_state)
                        VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                        """)
                .params(
                        requestId,
                        Timestamp.from(at),
                        actor,
                        action,
                        json.writeValueAsString(actions),
                        assessmentFailed,
                        fromVersion,
                        fromVersion + 1,
                        fromState,
                        toState)
                .update();
    }

    public List<AuditEntry> auditTrail(UUID requestId) {
        return jdbc.sql("""
                        SELECT a.*, r.reference FROM casework_audit a JOIN casework_request r ON r.id = a.request_id
                        WHERE a.request_id = ? ORDER BY a.id
                        """)
                .param(requestId)
                .query((rs, n) -> {
                    var actions = actions(rs.getString("actions"));
                    return new AuditEntry(
                            rs.getLong("id"),
                            rs.getObject("request_id", UUID.class),
                            rs.getString("reference"),
                            rs.getTimestamp("at").toInstant(),
                            rs.getString("actor"),
                            rs.getString("action"),
                            rs.getLong("from_version"),
                            rs.getLong("to_version"),
                            rs.getString("from_state"),
                            rs.getString("to_state"),
                            actions,
                            actions == null ? null : rs.getBoolean("assessment_failed"));
                })
                .list();
    }

    /**
     * The coded actions of an audit line; null for a line stored before codes existed, or with a code
     * this version does not know (one written by a newer node): its English text still says it.
     */
    private @Nullable List<AuditAction> actions(@Nullable String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return List.of(json.readValue(stored, AuditAction[].class));
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    public Comment addComment(UUID requestId, Instant at, String author, String body) {
        long id = jdbc.sql(
                        "INSERT INTO casework_comment (request_id, at, author, body) VALUES (?, ?, ?, ?) RETURNING id")
                .params(requestId, Timestamp.from(at), author, body)
                .query(Long.class)
                .single();
        return new Comment(id, at, author, body);
    }

    public List<Comment> comments(UUID requestId) {
        return jdbc.sql("SELECT id, at, author, body FROM casework_comment WHERE request_id = ? ORDER BY id")
                .param(requestId)
                .query((rs, n) -> new Comment(
                        rs.getLong("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("author"),
                        rs.getString("body")))
                .list();
    }

    private Map<String, Object> paramsMap(Request request, Instant now) {
        var deadline = request.deadline();
        var preservation = request.preservation();
        var map = new LinkedHashMap<String, Object>();
        map.put("id", request.id());
        map.put("version", request.version());
        map.put("direction", request.direction().name());
        map.put("kind", request.kind().name());
        map.put("state", request.state().code());
        map.put("open", request.state() instanceof RequestState.Open);
        map.put("awaitingDecision", request.awaitingDecision());
        map.put("stateData", json.writeValueAsString(request.state()));
        map.put("content", json.writeValueAsString(request.content()));
        map.put("deadline", json.writeValueAsString(deadline));
        map.put("preservation", preservation.map(json::writeValueAsString).orElse(null));
        map.put("counterpart", request.counterpart().map(c -> c.value()).orElse(null));
        map.put("emergency", request.content().emergency());
        map.put("assignee", request.assignee().orElse(null));
        map.put("createdBy", request.createdBy());
        map.put("createdAt", Timestamp.from(request.createdAt()));
        map.put("updatedAt", Timestamp.from(request.updatedAt()));
        map.put("dueAt", request.dueAt(now).map(Timestamp::from).orElse(null));
        map.put("clockStopped", deadline.stopped());
        map.put("missReported", deadline.missReported());
        map.put(
                "preservationExpiresAt",
                preservation.map(p -> Timestamp.from(p.expiresAt())).orElse(null));
        map.put("preservationWarned", preservation.map(Preservation::warned).orElse(false));
        map.put("searchText", searchText(request.content()));
        var correspondence = request.correspondence();
        map.put(
                "channel",
                correspondence.channel() == null
                        ? null
                        : correspondence.channel().name());
        map.put("channelOn", correspondence.on() == null ? null : java.sql.Date.valueOf(correspondence.on()));
        map.put("counterpartReference", correspondence.counterpartReference());
        return map;
    }

    private org.springframework.jdbc.core.namedparam.MapSqlParameterSource params(Request request, Instant now) {
        var source = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource();
        paramsMap(request, now).forEach(source::addValue);
        source.registerSqlType("preservation", java.sql.Types.VARCHAR);
        source.registerSqlType("assignee", java.sql.Types.VARCHAR);
        source.registerSqlType("counterpart", java.sql.Types.VARCHAR);
        source.registerSqlType("dueAt", java.sql.Types.TIMESTAMP);
        source.registerSqlType("channel", java.sql.Types.VARCHAR);
        source.registerSqlType("channelOn", java.sql.Types.DATE);
        source.registerSqlType("counterpartReference", java.sql.Types.VARCHAR);
        source.registerSqlType("preservationExpiresAt", java.sql.Types.TIMESTAMP);
        return source;
    }

    /** What full-text search looks at: the facts and the offences, never identifiers of persons. */
    private static String searchText(RequestContent content) {
        return Stream.concat(
                        Stream.ofNullable(content.summaryOfFacts()),
                        content.offences().stream()
                                .flatMap(o -> Stream.concat(
                                        Stream.ofNullable(o.domesticProvision()),
                                        o.conductCategories().stream().map(c -> c.value()))))
                .collect(Collectors.joining(" "));
    }

    private Request request(ResultSet rs, int row) throws SQLException {
        var preservation = rs.getString("preservation");
        var channel = rs.getString("channel");
        var channelOn = rs.getDate("channel_on");
        return new Request(
                rs.getObject("id", UUID.class),
                rs.getLong("version"),
                Direction.valueOf(rs.getString("direction")),
                KindOfAssistance.valueOf(rs.getString("kind")),
                json.readValue(rs.getString("content"), RequestContent.class),
                json.readValue(rs.getString("state_data"), RequestState.class),
                json.readValue(rs.getString("deadline"), DeadlineClock.class),
                preservation == null ? null : json.readValue(preservation, Preservation.class),
                rs.getString("assignee"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("reference"),
                new Correspondence(
                        channel == null ? null : Channel.valueOf(channel),
                        channelOn == null ? null : channelOn.toLocalDate(),
                        rs.getString("counterpart_reference")));
    }
}
