package org.comity.transparency;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.CompactRange;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.HashReader;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.tiles.TileBuilder;
import org.comity.transparency.persistence.JdbcLogStore;
import org.comity.transparency.persistence.JdbcLogStore.NewEntry;
import org.comity.transparency.persistence.StoredTiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the log. It takes entries from two places: events submitted in memory
 * ({@link #submit}, whose futures complete once stored) and the outbox table, which casework fills in
 * the transactions of its changes ({@link TransparencyLog#enqueue}). One thread drains both into
 * batches and stores each batch (entries, tiles, head, and the deletion of the outbox rows it took) in
 * one transaction. A submitted append is acknowledged (its future completes) only after that
 * transaction commits, so an acknowledged entry survives any crash of the node; an outbox row survives
 * one by itself, and is appended after a restart.
 *
 * <p>No thread waits here while it holds a connection: casework's transactions only insert outbox rows
 * and {@link #wake} the writer after they commit, without waiting for it; the writer uses one
 * connection at a time and waits for nothing but that connection. Checkpoints are signed afterwards, only for the committed head, and only after checking the
 * head's root against the stored tiles and its consistency with the previous checkpoint: a crash at
 * any point leaves either the old or the new committed state, and both extend every signed tree.
 */
final class LogWriter {

    private static final Logger log = LoggerFactory.getLogger(LogWriter.class);

    /**
     * A submitted event with its entry, built by the submitting thread: the salt, the canonical JSON
     * and the commitment are most of the CPU an append costs, and the writer thread, which also waits
     * for every batch's commit, is the log's bottleneck (issue 18). An entry built for an event that
     * turns out to be logged already is dropped.
     */
    record Pending(LogEvent event, byte[] salt, byte[] entry, CompletableFuture<Appended> done) {}

    /** Put in the queue to wake the writer for the outbox; never stored. */
    private static final Pending WAKE = new Pending(null, null, null, null);

    /** How often the writer looks at the outbox without being woken: rows another node process wrote. */
    private static final long OUTBOX_POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final JdbcLogStore store;
    private final StoredTiles tiles;
    private final NoteSigner signer;
    private final Clock clock;
    private final TransparencyProperties properties;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(1 << 20);
    private final SecureRandom random = new SecureRandom();
    private final Thread thread;
    private volatile boolean running;
    private volatile JdbcLogStore.StoredCheckpoint latest;
    // Set when an outbox row may be waiting; cleared by the writer before it reads the outbox, so a row
    // committed after the read sets it again and is not missed.
    private final AtomicBoolean outboxSignalled = new AtomicBoolean(true);

    // Owned by the writer thread (and by start(), before the thread runs).
    private final java.util.Set<Long> invalidOutboxRows = new java.util.HashSet<>();
    private CompactRange range;
    private TileBuilder tileBuilder;
    private boolean stale = true;
    private long lastSignedNanos;
    private boolean checkpointDue;

    LogWriter(
            JdbcLogStore store, StoredTiles tiles, NoteSigner signer, Clock clock, TransparencyProperties properties) {
        this.store = store;
        this.tiles = tiles;
        this.signer = signer;
        this.clock = clock;
        this.properties = properties;
        this.thread =
                Thread.ofPlatform().name("transparency-log-writer").daemon(true).unstarted(this::run);
    }

    void start() {
        resume();
        // A crash between a commit and its checkpoint leaves the head unsigned: sign it now.
        signCheckpoint();
        running = true;
        thread.start();
    }

    void stop() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The latest signed checkpoint (kept in memory: this writer is the only one that signs). */
    JdbcLogStore.StoredCheckpoint latest() {
        return latest;
    }

    /**
     * Tells the writer that the outbox has a new row; returns at once. Called after the transaction
     * that wrote the row commits.
     */
    void wake() {
        if (outboxSignalled.compareAndSet(false, true)) {
            queue.offer(WAKE);
        }
    }

    CompletableFuture<Appended> submit(LogEvent event) {
        byte[] salt = new byte[Commitment.SALT_BYTES];
        random.nextBytes(salt);
        byte[] entry = new LogEntry(event.metadata(), Commitment.of(salt, event.confidentialRecord(), event.disclose()))
                .bytes();
        var pending = new Pending(event, salt, entry, new CompletableFuture<>());
        if (!running) {
            pending.done().completeExceptionally(new IllegalStateException("the log writer is not running"));
        } else if (!queue.offer(pending)) {
            pending.done().completeExceptionally(new IllegalStateException("the log writer is overloaded"));
        }
        return pending.done();
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(properties.maxBatch());
        long lastOutboxRead = 0;
        while (running || !queue.isEmpty()) {
            List<JdbcLogStore.Outboxed> outboxed = List.of();
            try {
                Pending first = outboxSignalled.get() ? queue.poll() : queue.poll(50, TimeUnit.MILLISECONDS);
                boolean outboxDue =
                        outboxSignalled.getAndSet(false) || System.nanoTime() - lastOutboxRead > OUTBOX_POLL_NANOS;
                // The outbox first, and at most half of the batch when the queue has entries too, so
                // neither source starves; the queue fills the rest. (Reserving half for the outbox
                // before reading it halved a batch every second while the outbox was empty.)
                int room = first != null && first != WAKE ? properties.maxBatch() / 2 : properties.maxBatch();
                if (outboxDue && room == 0) {
                    outboxSignalled.set(true); // a batch of 1 taken by the queue: read the outbox next round
                } else if (outboxDue) {
                    lastOutboxRead = System.nanoTime();
                    outboxed = store.outbox(room, invalidOutboxRows);
                    if (outboxed.size() == room) {
                        outboxSignalled.set(true); // more is waiting
                    }
                }
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, Math.max(0, properties.maxBatch() - outboxed.size() - 1));
                    batch.removeIf(p -> p == WAKE);
                }
                if (!batch.isEmpty() || !outboxed.isEmpty()) {
                    write(batch, outboxed);
                    batch.clear();
                }
                if (checkpointDue
                        && System.nanoTime() - lastSignedNanos
                                >= properties.checkpointInterval().toNanos()) {
                    signCheckpoint();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                batch.forEach(p -> p.done().completeExceptionally(e));
                batch.clear();
                stale = true;
                // The outbox rows are still there (the batch rolled back): read them again.
                outboxSignalled.set(true);
                log.error("transparency log writer failed; will resume from the database", e);
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reloads the writer's right edge from the committed state: after start and after any failure. */
    private void resume() {
        var head = store.head();
        range = CompactRange.resume(tiles.reader(head.size()), head.size());
        if (!range.root().equals(Hash.of(head.root()))) {
            throw new IllegalStateException("stored tiles do not produce the committed root at size " + head.size());
        }
        tileBuilder = TileBuilder.resume(head.size(), tiles::hashes);
        stale = false;
    }

    /**
     * Stores a batch assuming none of its events is logged yet: the unique event id refuses one that
     * is, and only then are the batch's events looked up and the batch written again without them. A
     * batch costs one round trip (and a unique-index probe per entry) less that way (issue 18); an
     * event is on the log already only when an append is retried or after a crash.
     */
    private void write(List<Pending> batch, List<JdbcLogStore.Outboxed> outboxed) {
        try {
            write(batch, outboxed, Map.of());
        } catch (RuntimeException e) {
            if (!JdbcLogStore.uniqueViolation(e)) {
                throw e;
            }
            var ids = new LinkedHashSet<UUID>();
            batch.forEach(p -> ids.add(p.event().eventId()));
            outboxed.forEach(o -> ids.add(o.eventId()));
            write(batch, outboxed, store.entriesOf(ids));
        }
    }

    private void write(
            List<Pending> batch, List<JdbcLogStore.Outboxed> outboxed, Map<UUID, JdbcLogStore.StoredEntry> logged) {
        if (stale) {
            resume();
        }
        Map<UUID, Appended> results = new HashMap<>();
        List<NewEntry> entries = new ArrayList<>(batch.size() + outboxed.size());
        List<Long> taken = new ArrayList<>(outboxed.size());
        long oldSize = range.size();
        try {
            for (JdbcLogStore.Outboxed o : outboxed) {
                PublicMetadata metadata;
                try {
                    // Built and checked by TransparencyLog.enqueue; parsed again so that nothing but a
                    // canonical entry whose commitment the salt and record open reaches the public log.
                    var parsed = LogEntry.parse(o.entry());
                    parsed.commitment().verify(o.salt(), o.record());
                    metadata = parsed.metadata();
                } catch (IllegalArgumentException e) {
                    // Left in the outbox for an operator, and skipped from now on: it cannot block the
                    // entries after it, nor keep the writer reading it again and again.
                    log.error("outbox row {} is not a valid log entry and is not appended", o.id(), e);
                    invalidOutboxRows.add(o.id());
                    continue;
                }
                taken.add(o.id());
                if (logged.containsKey(o.eventId()) || results.containsKey(o.eventId())) {
                    continue;
                }
                add(o.eventId(), o.entry(), o.salt(), o.record(), o.disclose(), metadata, oldSize, entries, results);
            }
            for (Pending p : batch) {
                LogEvent event = p.event();
                if (logged.containsKey(event.eventId()) || results.containsKey(event.eventId())) {
                    continue;
                }
                add(
                        event.eventId(),
                        p.entry(),
                        p.salt(),
                        event.confidentialRecord(),
                        event.disclose(),
                        event.metadata(),
                        oldSize,
                        entries,
                        results);
            }
            if (!entries.isEmpty() || !taken.isEmpty()) {
                store.append(oldSize, entries, tileBuilder.drain(), range.root().bytes(), taken);
                checkpointDue |= !entries.isEmpty();
            }
        } catch (RuntimeException e) {
            // Whatever was computed in memory may not be committed: start again from the database.
            stale = true;
            throw e;
        }
        for (Pending p : batch) {
            UUID id = p.event().eventId();
            Appended appended = results.get(id);
            if (appended == null) {
                var stored = logged.get(id);
                appended = new Appended(
                        id, stored.index(), MerkleTree.leafHash(stored.entry()).hex(), true);
            }
            p.done().complete(appended);
        }
    }

    private void add(
            UUID eventId,
            byte[] entry,
            byte[] salt,
            byte[] record,
            java.time.LocalDate disclose,
            PublicMetadata m,
            long oldSize,
            List<NewEntry> entries,
            Map<UUID, Appended> results) {
        Hash leaf = MerkleTree.leafHash(entry);
        results.put(eventId, new Appended(eventId, oldSize + entries.size(), leaf.hex(), false));
        entries.add(new NewEntry(
                eventId,
                entry,
                salt,
                record,
                disclose,
                new JdbcLogStore.Meta(
                        m.day(),
                        m.requesting().value(),
                        m.requested().value(),
                        m.kind(),
                        m.event().code(),
                        m.outcome() == null ? null : m.outcome().code(),
                        m.refusalGrounds())));
        range.append(leaf);
        tileBuilder.append(leaf);
    }

    /**
     * Signs a checkpoint for the committed head if it is newer than the latest checkpoint, after
     * recomputing its root from the stored tiles and proving it consistent with that checkpoint.
     */
    private void signCheckpoint() {
        var head = store.head();
        Optional<JdbcLogStore.StoredCheckpoint> latest = store.latestCheckpoint();
        if (latest.isPresent() && latest.get().size() >= head.size()) {
            this.latest = latest.get();
            checkpointDue = false;
            return;
        }
        Hash root = Hash.of(head.root());
        HashReader reader = tiles.reader(head.size());
        if (!MerkleTree.root(reader, head.size()).equals(root)) {
            throw new IllegalStateException("refusing to sign: tiles do not produce the head's root");
        }
        if (latest.isPresent() && latest.get().size() > 0) {
            ConsistencyProof.build(reader, latest.get().size(), head.size())
                    .verify(Hash.of(latest.get().root()), root);
        }
        String note =
                new Checkpoint(signer.name(), head.size(), root).sign(signer).serialize();
        var signed = new JdbcLogStore.StoredCheckpoint(head.size(), head.root(), note, clock.instant());
        store.insertCheckpoint(signed.size(), signed.root(), signed.note(), signed.signedAt());
        this.latest = signed;
        lastSignedNanos = System.nanoTime();
        checkpointDue = false;
    }
}
