package org.comity.transparency.persistence;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.comity.transparency.domain.tiles.TileBuilder;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log in PostgreSQL: entries, hash tiles, the committed head, signed checkpoints and the
 * confidential commitment openings. {@link #append} is the only write path for leaves and tiles; it
 * runs in one transaction fenced by an advisory lock, so at most one writer (in any process) extends
 * the tree and a batch is stored entirely or not at all.
 */
@Repository
public class JdbcLogStore {

    // pg_advisory_xact_lock key: "comity.transparency.writer" as a fixed 64-bit number.
    private static final long WRITER_LOCK = 0x636f6d6974795f74L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public JdbcLogStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** The committed tree: its size and root. */
    public record Head(long size, byte[] root) {}

    /**
     * One new leaf with the opening of its commitment and its public metadata as columns (the writer
     * holds them already, so the database does not parse the entry again).
     */
    public record NewEntry(UUID eventId, byte[] entry, byte[] salt, byte[] record, LocalDate disclose, Meta meta) {}

    /** The public metadata of an entry, the terms {@code log_posting} indexes: codes only. */
    public record Meta(
            LocalDate day,
            String requesting,
            String requested,
            String kind,
            String event,
            @Nullable String outcome,
            List<String> refusalGrounds) {}

    /** An entry waiting in the outbox: built and committed to by casework's transaction, not yet on the log. */
    public record Outboxed(long id, UUID eventId, byte[] entry, byte[] salt, byte[] record, LocalDate disclose) {}

    public record StoredEntry(long index, UUID eventId, byte[] entry) {}

    public record StoredCheckpoint(long size, byte[] root, String note, Instant signedAt) {}

    public record Secret(long index, byte[] salt, byte[] record, LocalDate disclose, Optional<Instant> revealedAt) {}

    public Head head() {
        return jdbc.sql("SELECT size, root FROM log_head")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)))
                .single();
    }

    /** The entries of the events among {@code eventIds} that are already logged. */
    public Map<UUID, StoredEntry> entriesOf(Collection<UUID> eventIds) {
        Map<UUID, StoredEntry> out = new HashMap<>();
        if (eventIds.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT idx, event_id, entry FROM log_entry WHERE event_id = ANY(?)")
                .param(new SqlArrayValue("uuid", eventIds.toArray()))
                .query(rs -> {
                    var entry = new StoredEntry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getBytes(3));
                    out.put(entry.eventId(), entry);
                });
        return out;
    }

    /**
     * Whether an append failed on a unique index (SQL state 23505): an event logged already, which the
     * writer then looks up and leaves out. The SQL state stays here, in the adapter.
     */
    public static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stores a batch: entries {@code oldSize ..}, their openings, the changed tiles and the new head,
     * in one transaction. Fails, storing nothing, if the head is no longer at {@code oldSize} (another
     * writer, or a batch this writer believed lost).
     */
    public void append(long oldSize, List<NewEntry> entries, List<TileBuilder.Tile> tiles, byte[] newRoot) {
        append(oldSize, entries, tiles, newRoot, List.of());
    }

    /**
     * Like {@link #append(long, List, List, byte[])}, and deletes the outbox rows {@code outboxIds} in
     * the same transaction: an outbox row leaves only with its entry on the log. Fails, storing nothing,
     * if any of them is gone (another writer took it).
     */
    public void append(
            long oldSize, List<NewEntry> entries, List<TileBuilder.Tile> tiles, byte[] newRoot, List<Long> outboxIds) {
        // Three round trips per batch, like the raw baseline's inserts and commit (issue 18; it was
        // eight): the writer lock with the head, every write in one statement, the commit.
        transactions.executeWithoutResult(status -> {
            long size = jdbc.sql("WITH writer AS MATERIALIZED (SELECT pg_advisory_xact_lock(?))"
                            + " SELECT h.size FROM writer, log_head h FOR UPDATE OF h")
                    .param(WRITER_LOCK)
                    .query(Long.class)
                    .single();
            if (size != oldSize) {
                throw new IllegalStateException("log head is at " + size + ", the writer expected " + oldSize);
            }
            Long[] taken = outboxIds.toArray(Long[]::new);
            if (entries.isEmpty()) {
                // Only outbox rows of events already on the log.
                long deleted = jdbc.sql("WITH taken AS (DELETE FROM log_outbox WHERE id = ANY(?) RETURNING id)"
                                + " SELECT count(*) FROM taken")
                        .param(new SqlArrayValue("int8", (Object[]) taken))
                        .query(Long.class)
                        .single();
                checkTaken(deleted, taken.length);
                return;
            }
            int n = entries.size();
            Long[] indexes = new Long[n];
            UUID[] ids = new UUID[n];
            byte[][] bodies = new byte[n][];
            byte[][] salts = new byte[n][];
            byte[][] records = new byte[n][];
            // ISO text, cast to date by the server: the driver sends a date[] as text anyway, and
            // java.sql.Date's valueOf and toString go through a calendar twice per entry (issue 18).
            String[] disclose = new String[n];
            List<Meta> metas = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                NewEntry e = entries.get(i);
                indexes[i] = oldSize + i;
                ids[i] = e.eventId();
                bodies[i] = e.entry();
                salts[i] = e.salt();
                records[i] = e.record();
                disclose[i] = e.disclose().toString();
                metas.add(e.meta());
            }
            Postings.Rows postings = Postings.of(oldSize, metas);
            Short[] levels = new Short[tiles.size()];
            Long[] tileIndexes = new Long[tiles.size()];
            byte[][] contents = new byte[tiles.size()][];
            for (int i = 0; i < tiles.size(); i++) {
                levels[i] = (short) tiles.get(i).id().level();
                tileIndexes[i] = tiles.get(i).id().index();
                contents[i] = tiles.get(i).content();
            }
            // Each table reads its own unnest of the arrays: one shared CTE over all of them would be
            // materialised (several MB per batch, spilling past work_mem). The queryable copy of the
            // public metadata is the batch's coarse index (V24): one row per code present in the batch
            // with its entries' offsets, about a hundred rows a batch instead of a row and three index
            // entries per entry (issue 18).
            long deleted = jdbc.sql("""
                            WITH taken AS (DELETE FROM log_outbox WHERE id = ANY(?) RETURNING id),
                            entries AS (INSERT INTO log_entry (idx, event_id, entry)
                                SELECT * FROM unnest(?::bigint[], ?::uuid[], ?::bytea[])),
                            postings AS (INSERT INTO log_posting (term, batch, first, last, offsets)
                                SELECT t, ?, f, l, o::int[]
                                FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[]) AS u(t, f, l, o)),
                            secrets AS (INSERT INTO log_secret (idx, salt, record, disclose)
                                SELECT * FROM unnest(?::bigint[], ?::bytea[], ?::bytea[], ?::text[]::date[])),
                            tiles AS (INSERT INTO log_tile (level, idx, hashes)
                                SELECT * FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])
                                ON CONFLICT (level, idx) DO UPDATE SET hashes = EXCLUDED.hashes),
                            head AS (UPDATE log_head SET size = ?, root = ?)
                            SELECT count(*) FROM taken""")
                    .params(
                            new SqlArrayValue("int8", (Object[]) taken),
                            new SqlArrayValue("int8", (Object[]) indexes),
                            new SqlArrayValue("uuid", (Object[]) ids),
                            new SqlArrayValue("bytea", (Object[]) bodies),
                            oldSize,
                            new SqlArrayValue("text", (Object[]) postings.terms()),
                            new SqlArrayValue("int8", (Object[]) postings.first()),
                            new SqlArrayValue("int8", (Object[]) postings.last()),
                            new SqlArrayValue("text", (Object[]) postings.offsets()),
                            new SqlArrayValue("int8", (Object[]) indexes),
                            new SqlArrayValue("bytea", (Object[]) salts),
                            new SqlArrayValue("bytea", (Object[]) records),
                            new SqlArrayValue("text", (Object[]) disclose),
                            new SqlArrayValue("int2", (Object[]) levels),
                            new SqlArrayValue("int8", (Object[]) tileIndexes),
                            new SqlArrayValue("bytea", (Object[]) contents),
                            oldSize + n,
                            newRoot)
                    .query(Long.class)
                    .single();
            checkTaken(deleted, taken.length);
        });
    }

    private static void checkTaken(long deleted, int expected) {
        if (deleted != expected) {
            throw new IllegalStateException("outbox rows were taken by another writer");
        }
    }

    /**
     * Puts a built entry in the outbox, in the caller's transaction if there is one. An event id
     * already there is left as it is: the first entry built for an event is the one that is logged.
     */
    public void enqueue(UUID eventId, byte[] entry, byte[] salt, byte[] record, LocalDate disclose) {
        jdbc.sql("INSERT INTO log_outbox (event_id, entry, salt, record, disclose) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (event_id) DO NOTHING")
                .params(eventId, entry, salt, record, java.sql.Date.valueOf(disclose))
                .update();
    }

    /** Which of {@code eventIds} are neither entries nor in the outbox. */
    public java.util.Set<UUID> unrecorded(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                        SELECT id FROM unnest(?) AS candidate(id)
                        WHERE NOT EXISTS (SELECT 1 FROM log_entry e WHERE e.event_id = candidate.id)
                          AND NOT EXISTS (SELECT 1 FROM log_outbox o WHERE o.event_id = candidate.id)
                        """)
                .param(new SqlArrayValue("uuid", eventIds.toArray()))
                .query(UUID.class)
                .list());
    }

    /**
     * The oldest outbox rows but those in {@code except}, at most {@code limit}. Read from the start every time: an id is taken when
     * a row is inserted, not when it commits, so a row with a smaller id can appear after larger ones.
     */
    public List<Outboxed> outbox(int limit, Collection<Long> except) {
        return jdbc.sql("SELECT id, event_id, entry, salt, record, disclose FROM log_outbox"
                        + " WHERE NOT id = ANY(?) ORDER BY id LIMIT ?")
                .params(new SqlArrayValue("int8", except.toArray()), limit)
                .query((rs, n) -> new Outboxed(
                        rs.getLong(1),
                        rs.getObject(2, UUID.class),
                        rs.getBytes(3),
                        rs.getBytes(4),
                        rs.getBytes(5),
                        rs.getDate(6).toLocalDate()))
                .list();
    }

    /** How many entries wait in the outbox. */
    public long outboxSize() {
        return jdbc.sql("SELECT count(*) FROM log_outbox").query(Long.class).single();
    }

    /** The stored (widest) content of a hash tile, if any. */
    public Optional<byte[]> tile(int level, long index) {
        return jdbc.sql("SELECT hashes FROM log_tile WHERE level = ? AND idx = ?")
                .params(level, index)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    /** Several tiles in one round trip, keyed {@code level + "/" + index}. */
    public Map<String, byte[]> tiles(List<int[]> levels, List<Long> indexes) {
        Map<String, byte[]> out = new HashMap<>();
        Short[] l = new Short[levels.size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = (short) levels.get(i)[0];
        }
        jdbc.sql("SELECT t.level, t.idx, t.hashes FROM log_tile t"
                        + " JOIN unnest(?::smallint[], ?::bigint[]) AS want(level, idx)"
                        + " ON t.level = want.level AND t.idx = want.idx")
                .params(new SqlArrayValue("int2", (Object[]) l), new SqlArrayValue("int8", indexes.toArray()))
                .query(rs -> {
                    out.put(rs.getInt(1) + "/" + rs.getLong(2), rs.getBytes(3));
                });
        return out;
    }

    public Optional<StoredEntry> entry(long index) {
        return jdbc.sql("SELECT idx, event_id, entry FROM log_entry WHERE idx = ?")
                .param(index)
                .query((rs, n) -> new StoredEntry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getBytes(3)))
                .optional();
    }

    public Optional<StoredEntry> entryOf(UUID eventId) {
        return jdbc.sql("SELECT idx, event_id, entry FROM log_entry WHERE event_id = ?")
                .param(eventId)
                .query((rs, n) -> new StoredEntry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getBytes(3)))
                .optional();
    }

    /** Entries {@code from} (inclusive) to {@code to} (exclusive), in order. */
    public List<byte[]> entries(long from, long to) {
        List<byte[]> out = new ArrayList<>((int) Math.min(to - from, 4096));
        jdbc.sql("SELECT entry FROM log_entry WHERE idx >= ? AND idx < ? ORDER BY idx")
                .params(from, to)
                .query(rs -> {
                    out.add(rs.getBytes(1));
                });
        return out;
    }

    /** Streams entries {@code 0 .. size-1} in order without holding them all in memory. */
    public void forEachEntry(long size, Consumer<byte[]> consumer) {
        long chunk = 50_000;
        for (long from = 0; from < size; from += chunk) {
            entries(from, Math.min(size, from + chunk)).forEach(consumer);
        }
    }

    /**
     * What the public pages filter entries by; null means any. {@code state} matches the requesting or
     * the requested State, or only one of them when {@code role} says so.
     */
    public record Filter(
            @Nullable String state,
            StateRole role,
            @Nullable String kind,
            @Nullable String event,
            @Nullable String outcome,
            @Nullable LocalDate from,
            @Nullable LocalDate to) {

        public static final Filter ANY = new Filter(null, StateRole.ANY, null, null, null, null, null);
    }

    public enum StateRole {
        ANY,
        REQUESTING,
        REQUESTED
    }

    /** An entry of the log with its index: what the public may see (never the event id). */
    public record IndexedEntry(long index, byte[] entry) {}

    /**
     * Entries below index {@code before} matching {@code filter}, newest first, at most {@code limit}.
     * Without a filter, one range read of the entries. With one, the coarse index (V24) names the
     * batches holding every condition's codes, newest first; their offsets are intersected here, a few
     * batches at a time, until a page is full; then the page's entries are read by index.
     */
    public List<IndexedEntry> search(Filter filter, long before, int limit) {
        List<Clause> clauses = clauses(filter);
        if (clauses.isEmpty() || limit <= 0) {
            return jdbc.sql("SELECT idx, entry FROM log_entry WHERE idx < ? ORDER BY idx DESC LIMIT ?")
                    .params(before, Math.max(0, limit))
                    .query((rs, n) -> new IndexedEntry(rs.getLong(1), rs.getBytes(2)))
                    .list();
        }
        var sql = new StringBuilder();
        var params = new ArrayList<Object>();
        for (Clause clause : clauses) {
            if (!sql.isEmpty()) {
                sql.append(" INTERSECT ");
            }
            // DISTINCT: a clause of several terms (a State in either role, a range of days) names a
            // batch once per term.
            sql.append("SELECT DISTINCT batch FROM log_posting WHERE ")
                    .append(clause.where())
                    .append(" AND first < ?");
            params.addAll(clause.params());
            params.add(before);
        }
        sql.append(" ORDER BY batch DESC");
        List<Long> batches =
                jdbc.sql(sql.toString()).params(params).query(Long.class).list();
        List<Long> found = new ArrayList<>(limit);
        int chunk = 2;
        for (int from = 0;
                from < batches.size() && found.size() < limit;
                from += chunk, chunk = Math.min(64, chunk * 2)) {
            List<Long> some = batches.subList(from, Math.min(batches.size(), from + chunk));
            matches(clauses, some, before, limit, found);
        }
        if (found.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT idx, entry FROM log_entry WHERE idx = ANY(?) ORDER BY idx DESC")
                .param(new SqlArrayValue("int8", found.toArray()))
                .query((rs, n) -> new IndexedEntry(rs.getLong(1), rs.getBytes(2)))
                .list();
    }

    /**
     * One condition of a filter over the coarse index: any of {@code terms}, or, for days, any term from
     * {@code low} to {@code high} inclusive.
     */
    private record Clause(
            List<String> terms,
            @Nullable String low,
            @Nullable String high) {

        String where() {
            return low == null ? "term = ANY(?)" : "term BETWEEN ? AND ?";
        }

        List<Object> params() {
            return low == null ? List.of(new SqlArrayValue("text", terms.toArray())) : List.of(low, high);
        }

        boolean holds(String term) {
            return low == null ? terms.contains(term) : term.compareTo(low) >= 0 && term.compareTo(high) <= 0;
        }
    }

    private static List<Clause> clauses(Filter filter) {
        var clauses = new ArrayList<Clause>();
        if (filter.state() != null) {
            clauses.add(new Clause(
                    switch (filter.role()) {
                        case REQUESTING -> List.of(Postings.REQUESTING + filter.state());
                        case REQUESTED -> List.of(Postings.REQUESTED + filter.state());
                        case ANY -> List.of(Postings.REQUESTING + filter.state(), Postings.REQUESTED + filter.state());
                    },
                    null,
                    null));
        }
        if (filter.kind() != null) {
            clauses.add(new Clause(List.of(Postings.KIND + filter.kind()), null, null));
        }
        if (filter.event() != null) {
            clauses.add(new Clause(List.of(Postings.EVENT + filter.event()), null, null));
        }
        if (filter.outcome() != null) {
            clauses.add(new Clause(List.of(Postings.OUTCOME + filter.outcome()), null, null));
        }
        if (filter.from() != null || filter.to() != null) {
            // ISO days sort as text; "~" sorts after every digit.
            clauses.add(new Clause(
                    List.of(),
                    Postings.DAY + (filter.from() == null ? "" : filter.from()),
                    Postings.DAY + (filter.to() == null ? "~" : filter.to())));
        }
        return clauses;
    }

    /** Adds to {@code found}, newest first, the entries of {@code batches} (newest first) meeting every clause. */
    private void matches(List<Clause> clauses, List<Long> batches, long before, int limit, List<Long> found) {
        var sql = new StringBuilder("SELECT batch, term, offsets FROM log_posting WHERE batch = ANY(?) AND (");
        var params = new ArrayList<Object>();
        params.add(new SqlArrayValue("int8", batches.toArray()));
        for (int i = 0; i < clauses.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append(clauses.get(i).where());
            params.addAll(clauses.get(i).params());
        }
        sql.append(")");
        // Per batch, per clause: the offsets holding it (a clause's terms are alternatives).
        Map<Long, java.util.BitSet[]> sets = new HashMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            long batch = rs.getLong(1);
            String term = rs.getString(2);
            var perClause = sets.computeIfAbsent(batch, b -> new java.util.BitSet[clauses.size()]);
            Object[] offsets = (Object[]) rs.getArray(3).getArray();
            for (int c = 0; c < clauses.size(); c++) {
                if (clauses.get(c).holds(term)) {
                    if (perClause[c] == null) {
                        perClause[c] = new java.util.BitSet();
                    }
                    for (Object o : offsets) {
                        perClause[c].set((Integer) o);
                    }
                }
            }
        });
        for (long batch : batches) {
            var perClause = sets.get(batch);
            if (perClause == null) {
                continue;
            }
            java.util.BitSet all = null;
            for (var set : perClause) {
                if (set == null) {
                    all = null;
                    break;
                }
                if (all == null) {
                    all = (java.util.BitSet) set.clone();
                } else {
                    all.and(set);
                }
            }
            if (all == null) {
                continue;
            }
            for (int o = all.length() - 1; o >= 0 && found.size() < limit; o = all.previousSetBit(o - 1)) {
                if (batch + o < before) {
                    found.add(batch + o);
                }
            }
            if (found.size() >= limit) {
                return;
            }
        }
    }

    /**
     * The distinct values of a metadata column among entries below {@code size}, skipping through the
     * coarse index's terms (one probe per value) rather than reading every row.
     */
    public List<String> distinct(Column column, long size) {
        String prefix = switch (column) {
            case REQUESTING -> Postings.REQUESTING;
            case REQUESTED -> Postings.REQUESTED;
            case KIND -> Postings.KIND;
        };
        return jdbc.sql("WITH RECURSIVE v(t) AS ("
                        + " (SELECT term FROM log_posting WHERE term >= :low AND term < :high AND first < :size"
                        + " ORDER BY term LIMIT 1)"
                        + " UNION ALL SELECT (SELECT term FROM log_posting WHERE term > v.t AND term < :high"
                        + " AND first < :size ORDER BY term LIMIT 1) FROM v WHERE v.t IS NOT NULL)"
                        + " SELECT substr(t, 3) FROM v WHERE t IS NOT NULL")
                .param("low", prefix)
                .param("high", Postings.upperBound(prefix))
                .param("size", size)
                .query(String.class)
                .list();
    }

    /** Columns {@link #distinct} may list. */
    public enum Column {
        REQUESTING,
        REQUESTED,
        KIND
    }

    /**
     * How often each refusal ground was given among entries below {@code size}, most frequent first.
     * Only refusals, in whole or in part, carry grounds (PublicMetadata).
     */
    public Map<String, Long> refusalGrounds(long size) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT substr(term, 3), sum(CASE WHEN last < :size THEN cardinality(offsets)"
                        + " ELSE (SELECT count(*) FROM unnest(offsets) AS o WHERE batch + o < :size) END) AS n"
                        + " FROM log_posting WHERE term >= :low AND term < :high AND first < :size"
                        + " GROUP BY term ORDER BY n DESC, term")
                .param("size", size)
                .param("low", Postings.GROUND)
                .param("high", Postings.upperBound(Postings.GROUND))
                .query(rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

    public Optional<StoredCheckpoint> latestCheckpoint() {
        return jdbc.sql("SELECT size, root, note, signed_at FROM log_checkpoint ORDER BY size DESC LIMIT 1")
                .query((rs, n) -> checkpoint(rs))
                .optional();
    }

    public Optional<StoredCheckpoint> checkpoint(long size) {
        return jdbc.sql("SELECT size, root, note, signed_at FROM log_checkpoint WHERE size = ?")
                .param(size)
                .query((rs, n) -> checkpoint(rs))
                .optional();
    }

    private static StoredCheckpoint checkpoint(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredCheckpoint(
                rs.getLong(1),
                rs.getBytes(2),
                rs.getString(3),
                rs.getObject(4, java.time.OffsetDateTime.class).toInstant());
    }

    /** The smallest checkpoint whose tree contains leaf {@code index}. */
    public Optional<StoredCheckpoint> checkpointCovering(long index) {
        return jdbc.sql("SELECT size, root, note, signed_at FROM log_checkpoint WHERE size > ? ORDER BY size LIMIT 1")
                .param(index)
                .query((rs, n) -> checkpoint(rs))
                .optional();
    }

    public void insertCheckpoint(long size, byte[] root, String note, Instant at) {
        jdbc.sql("INSERT INTO log_checkpoint (size, root, note, signed_at) VALUES (?, ?, ?, ?)")
                .params(size, root, note, java.sql.Timestamp.from(at))
                .update();
    }

    public Optional<Secret> secret(long index) {
        return jdbc.sql("SELECT idx, salt, record, disclose, revealed_at FROM log_secret WHERE idx = ?")
                .param(index)
                .query((rs, n) -> new Secret(
                        rs.getLong(1),
                        rs.getBytes(2),
                        rs.getBytes(3),
                        rs.getObject(4, LocalDate.class),
                        Optional.ofNullable(rs.getObject(5, java.time.OffsetDateTime.class))
                                .map(java.time.OffsetDateTime::toInstant)))
                .optional();
    }

    /** Marks a commitment's opening as public; false if it already was. */
    public boolean markRevealed(long index, Instant at, String by) {
        return jdbc.sql("UPDATE log_secret SET revealed_at = ?, revealed_by = ? WHERE idx = ? AND revealed_at IS NULL")
                        .params(java.sql.Timestamp.from(at), by, index)
                        .update()
                > 0;
    }

    /** Indexes of entries whose openings are published, in order. */
    public List<Long> revealed() {
        return jdbc.sql("SELECT idx FROM log_secret WHERE revealed_at IS NOT NULL ORDER BY idx")
                .query(Long.class)
                .list();
    }
}
