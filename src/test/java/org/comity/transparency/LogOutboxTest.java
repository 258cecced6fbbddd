package org.comity.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.comity.testing.NodeTest;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.persistence.JdbcLogStore;
import org.comity.transparency.persistence.StoredTiles;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log's outbox: entries enqueued in a caller's transaction reach the log once it commits, never
 * if it rolls back, and those still waiting when the writer stops (a crash) are appended by the next
 * writer, exactly once, beside in-memory appends.
 */
@NodeTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogOutboxTest {

    @Autowired
    TransparencyLog log;

    @Autowired
    JdbcLogStore store;

    @Autowired
    StoredTiles tiles;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ApplicationContext context;

    private static List<LogEvent> events(String prefix, int count) {
        var out = new ArrayList<LogEvent>();
        for (int i = 0; i < count; i++) {
            out.add(LogEvents.event(UUID.nameUUIDFromBytes((prefix + i).getBytes()), i));
        }
        return out;
    }

    private static List<UUID> ids(List<LogEvent> events) {
        return events.stream().map(LogEvent::eventId).toList();
    }

    private long logged(List<UUID> ids) {
        return jdbc.sql("SELECT count(*) FROM log_entry WHERE event_id = ANY(?)")
                .param(new SqlArrayValue("uuid", ids.toArray()))
                .query(Long.class)
                .single();
    }

    private long outbox() {
        return jdbc.sql("SELECT count(*) FROM log_outbox").query(Long.class).single();
    }

    private void awaitLogged(List<UUID> ids) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (logged(ids) < ids.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(logged(ids)).as("enqueued entries on the log").isEqualTo(ids.size());
    }

    /** Every stored entry once, at contiguous indexes, and the tiles reproduce the committed root. */
    private void assertConsistent() {
        var head = store.head();
        assertThat(jdbc.sql("SELECT count(*), count(DISTINCT event_id), coalesce(max(idx) + 1, 0) FROM log_entry")
                        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                        .single())
                .containsOnly(head.size());
        // The coarse index names every entry exactly once under a kind and once under an event.
        assertThat(jdbc.sql("SELECT count(DISTINCT batch + o), count(*) FROM log_posting, unnest(offsets) AS o"
                                + " WHERE term LIKE 'k:%'")
                        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                        .single())
                .containsOnly(head.size());
        assertThat(jdbc.sql("SELECT count(DISTINCT batch + o), count(*) FROM log_posting, unnest(offsets) AS o"
                                + " WHERE term LIKE 'e:%'")
                        .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                        .single())
                .containsOnly(head.size());
        assertThat(MerkleTree.root(tiles.reader(head.size()), head.size())).isEqualTo(Hash.of(head.root()));
    }

    @Test
    @Order(1)
    void entriesEnqueuedInATransactionAreAppendedOnceItCommitsAndNeverIfItRollsBack() throws Exception {
        var committed = events("committed-", 40);
        var rolledBack = events("rolled-back-", 5);
        var tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> committed.forEach(log::enqueue));
        tx.executeWithoutResult(status -> {
            rolledBack.forEach(log::enqueue);
            status.setRollbackOnly();
        });

        awaitLogged(ids(committed));
        assertThat(logged(ids(rolledBack))).isZero();
        assertThat(outbox()).isZero();
        // Enqueuing an event again logs it once.
        tx.executeWithoutResult(status -> log.enqueue(committed.get(0)));
        awaitOutboxEmpty();
        assertThat(logged(ids(committed))).isEqualTo(committed.size());

        // The metadata columns are the entry's, the opening opens its commitment.
        var stored = store.entryOf(committed.get(3).eventId()).orElseThrow();
        var entry = LogEntry.parse(stored.entry());
        assertThat(entry.metadata()).isEqualTo(committed.get(3).metadata());
        var secret = store.secret(stored.index()).orElseThrow();
        entry.commitment().verify(secret.salt(), secret.record());
        assertThat(secret.record()).isEqualTo(committed.get(3).confidentialRecord());
        assertThat(jdbc.sql("SELECT term FROM log_posting WHERE ? = ANY(SELECT batch + o FROM unnest(offsets) AS o)"
                                + " AND term SIMILAR TO '(k|e|a):%' ORDER BY term")
                        .param(stored.index())
                        .query(String.class)
                        .list())
                .containsExactly(
                        "a:" + entry.metadata().requesting().value(),
                        "e:" + entry.metadata().event().code(),
                        "k:" + entry.metadata().kind());
        assertConsistent();
    }

    @Test
    @Order(2)
    void concurrentTransactionsAndInMemoryAppendsAreAllLoggedExactlyOnce() throws Exception {
        var direct = events("direct-", 2_000);
        var enqueued = new ArrayList<List<LogEvent>>();
        for (int t = 0; t < 8; t++) {
            enqueued.add(events("thread-" + t + "-", 60));
        }
        var tx = new TransactionTemplate(transactions);
        var futures = new ArrayList<CompletableFuture<Appended>>();
        var done = new ArrayList<Future<?>>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var mine : enqueued) {
                done.add(pool.submit(() -> {
                    // A few entries per transaction, as a casework change writes one or two.
                    for (int i = 0; i < mine.size(); i += 3) {
                        var part = mine.subList(i, Math.min(mine.size(), i + 3));
                        tx.executeWithoutResult(status -> part.forEach(log::enqueue));
                    }
                }));
            }
            direct.forEach(e -> futures.add(log.appendAsync(e)));
            for (var f : done) {
                f.get();
            }
        }
        for (var f : futures) {
            assertThat(f.get().alreadyLogged()).isFalse();
        }
        var all = new ArrayList<UUID>(ids(direct));
        enqueued.forEach(e -> all.addAll(ids(e)));
        awaitLogged(all);
        awaitOutboxEmpty();
        assertConsistent();
    }

    @Test
    @Order(3)
    void aRowThatIsNoValidEntryStaysInTheOutboxAndDoesNotHoldUpTheOthers() throws Exception {
        // A commitment its salt and record do not open: never put on the public log.
        var bad = LogEvents.event(UUID.randomUUID(), 7);
        byte[] salt = new byte[Commitment.SALT_BYTES];
        byte[] entry = new LogEntry(bad.metadata(), Commitment.of(salt, "other".getBytes(), bad.disclose())).bytes();
        store.enqueue(bad.eventId(), entry, salt, bad.confidentialRecord(), bad.disclose());
        var good = events("after-bad-", 5);
        new TransactionTemplate(transactions).executeWithoutResult(status -> good.forEach(log::enqueue));

        awaitLogged(ids(good));
        assertThat(logged(List.of(bad.eventId()))).isZero();
        assertThat(outbox()).isEqualTo(1);
        jdbc.sql("DELETE FROM log_outbox").update();
        assertConsistent();
    }

    @Test
    @Order(4)
    void entriesLeftInTheOutboxByAStoppedWriterAreAppendedByTheNextOne() throws Exception {
        long before = store.head().size();
        LogWriters.stop(context); // as if the node died right after the transactions committed
        var pending = events("pending-", 100);
        var tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> pending.forEach(log::enqueue));
        Thread.sleep(300);
        assertThat(logged(ids(pending))).isZero();
        assertThat(outbox()).isEqualTo(pending.size());

        try (var next = LogWriters.startNew(context)) {
            awaitLogged(ids(pending));
            awaitOutboxEmpty();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (store.latestCheckpoint().orElseThrow().size() < before + pending.size()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(store.head().size()).isEqualTo(before + pending.size());
        assertThat(store.latestCheckpoint().orElseThrow().size()).isEqualTo(before + pending.size());
        assertConsistent();
    }

    private void awaitOutboxEmpty() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (outbox() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(outbox()).as("entries left in the outbox").isZero();
    }
}
