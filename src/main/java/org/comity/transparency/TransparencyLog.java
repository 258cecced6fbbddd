package org.comity.transparency;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InclusionProof;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.receipt.Receipt;
import org.comity.transparency.domain.tiles.EntryBundleId;
import org.comity.transparency.domain.tiles.HashTileId;
import org.comity.transparency.domain.tiles.TileId;
import org.comity.transparency.domain.tiles.Tiles;
import org.comity.transparency.persistence.JdbcLogStore;
import org.comity.transparency.persistence.StoredTiles;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The node's public transparency log. Casework {@link #enqueue enqueues} the public metadata of each
 * request event in the transaction of the change (idempotent on the event id); everything else reads what the latest signed checkpoint
 * covers: entries, tiles, inclusion and consistency proofs, receipts, statistics and reveals.
 * Methods returning {@code domain} types serve this module's own endpoints.
 */
public class TransparencyLog {

    private final JdbcLogStore store;
    private final StoredTiles tiles;
    private final LogWriter writer;
    private final Cosigning cosigning;
    private final NoteVerifier verifier;
    private final Clock clock;
    private final TransparencyProperties properties;
    private final java.util.Map<LogStatistics.Granularity, LogStatistics> cachedStatistics =
            new java.util.concurrent.ConcurrentHashMap<>();

    TransparencyLog(
            JdbcLogStore store,
            StoredTiles tiles,
            LogWriter writer,
            Cosigning cosigning,
            NoteVerifier verifier,
            Clock clock,
            TransparencyProperties properties) {
        this.store = store;
        this.tiles = tiles;
        this.writer = writer;
        this.cosigning = cosigning;
        this.verifier = verifier;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Appends an event and waits until it is durably stored. Appending an event id again returns the
     * first result with {@link Appended#alreadyLogged()} set.
     *
     * @throws IllegalStateException if the entry could not be stored in time; retrying is safe
     */
    public Appended append(LogEvent event) {
        try {
            return appendAsync(event).get(properties.appendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending to the transparency log", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the transparency log did not store the event", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the transparency log did not store the event in time", e);
        }
    }

    /** Like {@link #append} without waiting: the future completes once the entry is durable. */
    public CompletableFuture<Appended> appendAsync(LogEvent event) {
        return writer.submit(event);
    }

    /**
     * Puts an event on the log's outbox in the caller's transaction, and returns without waiting for
     * the writer: the entry is built here (canonical bytes, commitment with a fresh salt), so an event
     * that cannot be an entry fails now and rolls the caller's change back with it, and the writer,
     * woken once the transaction commits, appends it within a batch or, after a crash, at the next
     * start. This is how casework logs its changes: an acknowledged change always has its entry, and
     * no request thread holds its connection while it waits for the writer (which needs one too).
     * Enqueuing an event id again is harmless: the first entry is the one logged.
     *
     * @throws IllegalArgumentException if the entry would be longer than a tile bundle allows
     */
    public void enqueue(LogEvent event) {
        byte[] salt = new byte[Commitment.SALT_BYTES];
        random.nextBytes(salt);
        byte[] record = event.confidentialRecord();
        byte[] entry = new LogEntry(event.metadata(), Commitment.of(salt, record, event.disclose())).bytes();
        if (entry.length > MAX_ENTRY_BYTES) {
            throw new IllegalArgumentException("a log entry has at most " + MAX_ENTRY_BYTES + " bytes");
        }
        store.enqueue(event.eventId(), entry, salt, record, event.disclose());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    writer.wake();
                }
            });
        } else {
            writer.wake();
        }
    }

    /**
     * Which of {@code eventIds} the log knows nothing of: neither appended nor waiting in the outbox.
     * For a caller that finds events it recorded before the outbox existed and queues them again.
     */
    public java.util.Set<java.util.UUID> unrecorded(java.util.Collection<java.util.UUID> eventIds) {
        return store.unrecorded(eventIds);
    }

    /** Entry bundles prefix each entry with a uint16 length. */
    static final int MAX_ENTRY_BYTES = 65_535;

    private final java.security.SecureRandom random = new java.security.SecureRandom();

    /** How many enqueued entries the writer has not appended yet. */
    public long pending() {
        return store.outboxSize();
    }

    public String origin() {
        return verifier.name();
    }

    /** The verifier key of checkpoints, in the signed-note format: {@code <name>+<id>+<key>}. */
    public String verifierKey() {
        return verifier.encoded();
    }

    public NoteVerifier verifier() {
        return verifier;
    }

    /**
     * The latest published checkpoint, with the cosignatures its witnesses returned (with witnesses
     * configured, a signed checkpoint is published once the quorum cosigned it or the wait passed).
     */
    public SignedNote checkpoint() {
        return cosigning.latest().note();
    }

    /** The size of the tree of the latest published checkpoint: what is public. */
    public long size() {
        return cosigning.latest().size();
    }

    /** The C2SP tlog-policy of this log: its key, its witnesses and their quorum. */
    public String policy() {
        return cosigning.policy().text();
    }

    /**
     * Waits until a signed checkpoint covers at least {@code treeSize} entries (checkpoints follow
     * appends within {@code comity.transparency.checkpoint-interval}), e.g. before issuing a receipt.
     *
     * @return whether it does
     */
    public boolean awaitCheckpoint(long treeSize, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (size() < treeSize) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** A tile or entry bundle of the published tree, if it has it. */
    public Optional<byte[]> tile(TileId id) {
        long size = size();
        return switch (id) {
            case HashTileId hash -> tiles.tile(hash, size);
            case EntryBundleId bundle -> {
                long from = bundle.index() * Tiles.WIDTH;
                long available = Math.min(Tiles.WIDTH, size - from);
                if (available < bundle.width()) {
                    yield Optional.empty();
                }
                yield Optional.of(Tiles.encodeEntries(store.entries(from, from + bundle.width())));
            }
        };
    }

    /** Entry {@code index} of the published tree. */
    public byte[] entry(long index) {
        if (index < 0 || index >= size()) {
            throw new NotFound("log entry " + index);
        }
        return store.entry(index)
                .orElseThrow(() -> new NotFound("log entry " + index))
                .entry();
    }

    public InclusionProof inclusionProof(long index, long treeSize) {
        checkSize(treeSize, "size");
        if (index < 0 || index >= treeSize) {
            throw new NotFound("log entry " + index + " in a tree of size " + treeSize);
        }
        return InclusionProof.build(tiles.reader(treeSize), index, treeSize);
    }

    public ConsistencyProof consistencyProof(long from, long to) {
        checkSize(to, "to");
        if (from < 1 || from > to) {
            throw InvalidInput.of("from", "log-size-range", "needs 1 <= from <= to");
        }
        return ConsistencyProof.build(tiles.reader(to), from, to);
    }

    private void checkSize(long treeSize, String field) {
        if (treeSize < 1 || treeSize > size()) {
            throw InvalidInput.of(field, "log-size", "must be between 1 and the latest checkpoint's size");
        }
    }

    /** A tlog-proof receipt for entry {@code index}, against the latest checkpoint. */
    public Receipt receipt(long index) {
        SignedNote note = checkpoint();
        Checkpoint checkpoint = Checkpoint.parse(note.text());
        if (index < 0 || index >= checkpoint.size()) {
            throw new NotFound("log entry " + index + " in the latest checkpoint");
        }
        return Receipt.of(InclusionProof.build(tiles.reader(checkpoint.size()), index, checkpoint.size()), note);
    }

    /** The leaf hash of an entry, hex. */
    public static String leafHash(byte[] entry) {
        return MerkleTree.leafHash(entry).hex();
    }

    /** Statistics over the published tree, recomputed from its entries (cached per tree size). */
    public LogStatistics statistics(LogStatistics.Granularity granularity) {
        long size = size();
        LogStatistics cached = cachedStatistics.get(granularity);
        if (cached != null && cached.treeSize() == size) {
            return cached;
        }
        // One scan per granularity and tree size: anonymous callers alternating periods cannot force
        // a rescan of the whole log on every request.
        synchronized (cachedStatistics) {
            cached = cachedStatistics.get(granularity);
            if (cached != null && cached.treeSize() == size) {
                return cached;
            }
            var builder = new LogStatistics.Builder(granularity);
            store.forEachEntry(size, builder::add);
            LogStatistics computed = builder.build();
            cachedStatistics.put(granularity, computed);
            return computed;
        }
    }

    /**
     * Entries of the published tree matching {@code filter}, newest first: at most {@code limit} of
     * them, below index {@code before} (null: from the newest).
     */
    public java.util.List<JdbcLogStore.IndexedEntry> search(
            JdbcLogStore.Filter filter, @org.jspecify.annotations.Nullable Long before, int limit) {
        long size = size();
        long bound = before == null ? size : Math.max(0, Math.min(before, size));
        return store.search(filter, bound, limit);
    }

    /** What the public pages offer as filter choices: the States and kinds in the published tree. */
    public record Facets(long treeSize, java.util.List<String> states, java.util.List<String> kinds) {}

    private volatile Facets facets = new Facets(-1, java.util.List.of(), java.util.List.of());

    /** The States (requesting or requested) and kinds found in the published tree, cached per tree size. */
    public Facets facets() {
        long size = size();
        Facets cached = facets;
        if (cached.treeSize() != size) {
            var states = new java.util.TreeSet<String>(store.distinct(JdbcLogStore.Column.REQUESTING, size));
            states.addAll(store.distinct(JdbcLogStore.Column.REQUESTED, size));
            cached = new Facets(size, java.util.List.copyOf(states), store.distinct(JdbcLogStore.Column.KIND, size));
            facets = cached;
        }
        return cached;
    }

    /** Counts of refusal grounds in the published tree, most frequent first. */
    public record GroundCounts(long treeSize, java.util.Map<String, Long> counts) {}

    private volatile GroundCounts groundCounts = new GroundCounts(-1, java.util.Map.of());

    /** How often each refusal ground was given in the published tree (cached per tree size). */
    public GroundCounts refusalGrounds() {
        long size = size();
        GroundCounts cached = groundCounts;
        if (cached.treeSize() != size) {
            cached = new GroundCounts(size, java.util.Collections.unmodifiableMap(store.refusalGrounds(size)));
            groundCounts = cached;
        }
        return cached;
    }

    /** The published opening of an entry's commitment, if the node has published it. */
    public Optional<Reveal> reveal(long index) {
        return store.secret(index)
                .filter(s -> s.revealedAt().isPresent() && index < size())
                .map(s -> new Reveal(index, s.salt(), s.record()));
    }

    /**
     * Publishes the opening of entry {@code index}'s commitment. Allowed from its disclosure date on;
     * publishing again is harmless.
     */
    public Reveal publishReveal(long index, String actor) {
        if (index < 0 || index >= size()) {
            throw new NotFound("log entry " + index);
        }
        var secret = store.secret(index).orElseThrow(() -> new NotFound("commitment opening of entry " + index));
        LocalDate today = LocalDate.now(clock);
        if (today.isBefore(secret.disclose())) {
            throw new Conflict(
                    "before-disclosure-date", "entry " + index + " may be revealed from " + secret.disclose());
        }
        store.markRevealed(index, clock.instant(), actor);
        return new Reveal(index, secret.salt(), secret.record());
    }

    /** Hex of a hash, for JSON. */
    public static String hex(Hash hash) {
        return HexFormat.of().formatHex(hash.bytes());
    }
}
