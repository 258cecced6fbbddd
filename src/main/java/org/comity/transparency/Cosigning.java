package org.comity.transparency;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.comity.transparency.domain.Encoding;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.note.CosignerVerifier;
import org.comity.transparency.domain.note.NoteSignature;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.policy.TrustPolicy;
import org.comity.transparency.domain.witness.AddCheckpoint;
import org.comity.transparency.persistence.JdbcCosignatureStore;
import org.comity.transparency.persistence.JdbcLogStore;
import org.comity.transparency.persistence.StoredTiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publication of the log's checkpoints through its witnesses (C2SP tlog-witness, client side). Each
 * checkpoint the writer signs is submitted to every configured witness, with a consistency proof from
 * the size that witness last cosigned (learnt from its 409 answer when not known); the checkpoint is
 * published, with the cosignatures collected, as soon as the policy's quorum is met, or when {@code
 * wait} has passed without it (then with the cosignatures it has: the log is not held up by a
 * witness that is down, and a verifier holding the policy rejects that checkpoint). Cosignatures that
 * arrive later are added to the published checkpoint while it is the latest. Without witnesses a
 * signed checkpoint is published at once.
 */
final class Cosigning {

    private static final Logger log = LoggerFactory.getLogger(Cosigning.class);

    /** A witness of this log, resolved from the configuration. */
    record Target(String name, CosignerVerifier key, URI addCheckpoint) {}

    /** What {@code /log/checkpoint} serves: a signed tree and its cosignatures. */
    record Published(long size, SignedNote note) {}

    private final LogWriter writer;
    private final StoredTiles tiles;
    private final List<Target> targets;
    private final TrustPolicy policy;
    private final Duration wait;
    private final Duration timeout;
    private final HttpClient http;
    private final Map<String, Long> knownSizes = new ConcurrentHashMap<>();
    private final JdbcCosignatureStore store;
    private final java.time.Clock clock;
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread thread;
    private volatile boolean running;
    private volatile Published published;

    Cosigning(
            LogWriter writer,
            StoredTiles tiles,
            List<Target> targets,
            TrustPolicy policy,
            Duration wait,
            Duration timeout,
            JdbcCosignatureStore store,
            java.time.Clock clock) {
        this.writer = writer;
        this.store = store;
        this.clock = clock;
        this.tiles = tiles;
        this.targets = List.copyOf(targets);
        this.policy = policy;
        this.wait = wait;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.thread =
                Thread.ofPlatform().name("transparency-cosigning").daemon(true).unstarted(this::run);
    }

    void start() {
        if (!targets.isEmpty()) {
            // Each witness's size as stored: no 409 round trip to learn it again after a restart.
            store.sizes().forEach((name, size) -> {
                if (targets.stream().anyMatch(t -> t.name().equals(name))) {
                    knownSizes.put(name, size);
                }
            });
            running = true;
            thread.start();
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
        requests.shutdownNow();
    }

    TrustPolicy policy() {
        return policy;
    }

    /**
     * The published checkpoint. Until the first round after a start has ended, the last checkpoint
     * signed before is served with the cosignatures stored for it before the restart.
     */
    Published latest() {
        Published p = published;
        if (p == null || targets.isEmpty()) {
            JdbcLogStore.StoredCheckpoint signed = writer.latest();
            SignedNote note = SignedNote.parse(signed.note());
            if (!targets.isEmpty()) {
                // Not cached: the first round, about to publish, must not be overwritten by a reader.
                return new Published(signed.size(), withStored(signed.size(), note));
            }
            return new Published(signed.size(), note);
        }
        return p;
    }

    /**
     * {@code note} with the cosignatures stored for its size, each checked again against its
     * witness's key (a row that does not verify, or of a witness no longer configured, is left out).
     */
    private SignedNote withStored(long size, SignedNote note) {
        SignedNote out = note;
        for (String line : store.lines(size)) {
            try {
                for (NoteSignature s :
                        SignedNote.parse(note.serialize() + line + "\n").signatures()) {
                    for (Target t : targets) {
                        if (t.key().matches(s) && !out.signatures().contains(s)) {
                            t.key().verify(note.text(), s);
                            out = out.withSignature(s);
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.warn("A stored cosignature of the checkpoint of size {} does not verify; not served", size);
            }
        }
        return out;
    }

    private void run() {
        String lastSubmitted = null;
        while (running) {
            try {
                JdbcLogStore.StoredCheckpoint signed = writer.latest();
                if (signed != null && !signed.note().equals(lastSubmitted)) {
                    lastSubmitted = signed.note();
                    round(signed.size(), SignedNote.parse(signed.note()));
                } else {
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Cosigning round failed; the next checkpoint starts a new one", e);
            }
        }
    }

    /** Submits one checkpoint to every witness, and publishes it at the quorum or after the wait. */
    private void round(long size, SignedNote note) throws InterruptedException {
        Map<String, CompletableFuture<NoteSignature>> pending = new LinkedHashMap<>();
        // A checkpoint cosigned before a restart is not submitted again to the witnesses that did.
        SignedNote stored = withStored(size, note);
        for (Target target : targets) {
            var had = stored.signatures().stream().filter(target.key()::matches).findFirst();
            pending.put(
                    target.name(),
                    had.isPresent()
                            ? CompletableFuture.completedFuture(had.get())
                            : CompletableFuture.supplyAsync(() -> submit(target, size, note), requests));
        }
        long deadline = System.nanoTime() + wait.toNanos();
        Map<String, NoteSignature> cosigned = new LinkedHashMap<>();
        while (true) {
            cosigned.clear();
            boolean allDone = true;
            for (var e : pending.entrySet()) {
                if (e.getValue().isDone()) {
                    if (!e.getValue().isCompletedExceptionally()) {
                        cosigned.put(e.getKey(), e.getValue().join());
                    }
                } else {
                    allDone = false;
                }
            }
            if (policy.satisfiedBy(cosigned.keySet()) || allDone || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        if (!policy.satisfiedBy(cosigned.keySet())) {
            log.warn(
                    "Publishing the checkpoint of size {} below the witness quorum: cosigned by {} of {}",
                    size,
                    cosigned.keySet(),
                    targets.size());
        }
        SignedNote withCosignatures = note;
        for (NoteSignature s : cosigned.values()) {
            withCosignatures = withCosignatures.withSignature(s);
        }
        Published now = new Published(size, withCosignatures);
        published = now;
        // Late answers still strengthen the checkpoint while it is the one served.
        for (var e : pending.entrySet()) {
            if (!cosigned.containsKey(e.getKey())) {
                e.getValue().thenAccept(s -> addLate(now, s));
            }
        }
    }

    private synchronized void addLate(Published round, NoteSignature cosignature) {
        // Stored in submit already; only the served note changes here.
        Published current = published;
        if (current != null
                && current.size() == round.size()
                && current.note().text().equals(round.note().text())) {
            published = new Published(current.size(), current.note().withSignature(cosignature));
        }
    }

    /**
     * One witness's cosignature: {@code add-checkpoint} from the size it last cosigned, retried from
     * the size a 409 names (at first the node does not know it).
     */
    private NoteSignature submit(Target target, long size, SignedNote note) {
        long old = knownSizes.getOrDefault(target.name(), 0L);
        for (int attempt = 0; attempt < 3; attempt++) {
            if (old > size) {
                throw new IllegalStateException("witness " + target.name() + " cosigned size " + old
                        + ", larger than this log's " + size + ": it will not cosign this tree");
            }
            List<Hash> proof = old == 0 || old == size
                    ? List.of()
                    : ConsistencyProof.build(tiles.reader(size), old, size).hashes();
            HttpRequest request = HttpRequest.newBuilder(target.addCheckpoint())
                    .timeout(timeout)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new AddCheckpoint(old, proof, note).body()))
                    .build();
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("witness " + target.name() + " unreachable: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (response.statusCode() == 409
                    && response.headers().firstValue("Content-Type").orElse("").startsWith("text/x.tlog.size")) {
                old = Encoding.decimal(response.body().strip(), "witness size");
                knownSizes.put(target.name(), old);
                continue;
            }
            // Not stored from a 409: a witness could name any size there, and a stored size only grows.
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "witness " + target.name() + " answered HTTP " + response.statusCode() + " for size " + size);
            }
            // The answer is signature lines: appended to the note they parse and verify like its own.
            SignedNote answered = SignedNote.parse(note.serialize() + response.body());
            List<NoteSignature> mine = new ArrayList<>();
            for (NoteSignature s : answered.signatures()) {
                if (target.key().matches(s)) {
                    target.key().verify(note.text(), s);
                    mine.add(s);
                }
            }
            if (mine.isEmpty()) {
                throw new IllegalStateException("witness " + target.name() + " answered without its cosignature");
            }
            knownSizes.put(target.name(), size);
            store.cosigned(size, target.name(), mine.getFirst().line(), clock.instant());
            return mine.getFirst();
        }
        throw new IllegalStateException("witness " + target.name() + " kept answering 409");
    }
}
