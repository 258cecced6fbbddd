package org.comity.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.comity.Comity;
import org.comity.transparency.LogEvents;
import org.comity.transparency.TransparencyLog;
import org.comity.transparency.cli.LogCommand;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Load tool, run by hand (not part of verify): builds a log of N entries through the real node and
 * writer on a PostgreSQL with full durability (fsync and synchronous_commit on, unlike the test
 * database), reports durable appends per second and proof latencies, then runs {@code log verify
 * --full} and a receipt check against the node over HTTP.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.comity.benchmarks.LogLoadTool 1000000
 * </pre>
 */
public final class LogLoadTool {

    private LogLoadTool() {}

    public static void main(String[] args) throws Exception {
        long entries = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path work = Files.createTempDirectory("comity-log-load");
        var builder = EmbeddedPostgres.builder();
        // -Dcomity.bench.pg=key=value,… adds server settings, e.g. log_min_duration_statement=0.
        for (var setting : System.getProperty("comity.bench.pg", "").split(",")) {
            if (setting.contains("=")) {
                builder.setServerConfig(
                        setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        try (EmbeddedPostgres postgres = builder.setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_wal_size", "4GB")
                .start()) {
            try (var node = new SpringApplicationBuilder(Comity.class)
                    .run(
                            "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                            "--spring.datasource.username=postgres",
                            "--comity.data-dir=" + work.resolve("data"),
                            "--server.port=0",
                            "--logging.level.root=WARN")) {
                var log = node.getBean(TransparencyLog.class);
                int port = ((WebServerApplicationContext) node).getWebServer().getPort();
                var dataSource = postgres.getPostgresDatabase();
                awaitIdle();
                // Both sides warmed up before either is measured: the raw passes used to run after the
                // appends, on JDBC code the appends had compiled, while the appends ran on cold code.
                long warmUp = Math.min(entries, WARM_UP);
                append(log, 0, warmUp, "warm-up");
                rawInserts(dataSource, 0, warmUp, 4096, "_warm");
                awaitIdle();
                buildingCpu = 0;
                buildingBytes = 0;
                var threadsBefore = threadCpu();
                long writerAllocated = allocated(WRITER_THREAD);
                long submitterAllocated = allocated(Thread.currentThread().getName());
                long gcBefore = gcMillis();
                var before = ServerCost.snapshot(dataSource);
                double appends = append(log, warmUp, entries, "measured");
                var cost = ServerCost.snapshot(dataSource).minus(before);
                var threads = threadCpu();
                writerAllocated = allocated(WRITER_THREAD) - writerAllocated;
                submitterAllocated = allocated(Thread.currentThread().getName()) - submitterAllocated;
                threads.replaceAll((name, nanos) -> nanos - threadsBefore.getOrDefault(name, 0L));
                long gc = gcMillis() - gcBefore;
                System.out.printf(
                        "APPEND COST: %s; of which the submitting thread %.1f µs, the writer thread %.1f µs,"
                                + " all Java threads %.1f µs (the rest: GC, JIT, VM); GC pauses %d ms%n",
                        cost.perEntry(entries),
                        threads.getOrDefault(Thread.currentThread().getName(), 0L) / 1e3 / entries,
                        threads.getOrDefault(WRITER_THREAD, 0L) / 1e3 / entries,
                        threads.values().stream().mapToLong(Long::longValue).sum() / 1e3 / entries,
                        gc);
                System.out.printf(
                        "APPEND ALLOCATION: the submitting thread %,d B, the writer thread %,d B per entry%n",
                        submitterAllocated / entries, writerAllocated / entries);
                System.out.printf(
                        "APPEND SUBMIT (the submitting thread without building the events): CPU %.1f µs,"
                                + " allocation %,d B per entry (building the events: %.1f µs, %,d B)%n",
                        (threads.getOrDefault(Thread.currentThread().getName(), 0L) - buildingCpu) / 1e3 / entries,
                        (submitterAllocated - buildingBytes) / entries,
                        buildingCpu / 1e3 / entries,
                        buildingBytes / entries);
                System.out.printf(
                        "APPEND THREADS (µs per entry): %s%n",
                        threads.entrySet().stream()
                                .filter(t -> t.getValue() > 0)
                                .sorted(java.util.Map.Entry.<String, Long>comparingByValue()
                                        .reversed())
                                .limit(6)
                                .map(t -> String.format("%s %.1f", t.getKey(), t.getValue() / 1e3 / entries))
                                .collect(java.util.stream.Collectors.joining(", ")));
                batches(dataSource, entries);
                var baseline = rawInserts(dataSource, warmUp, entries, 4096, "");
                System.out.printf(
                        "APPEND vs RAW: durable appends %,.0f/s; raw batched inserts of the entry rows %,.0f/s"
                                + " (ratio %.2f); of the entry and opening rows %,.0f/s (ratio %.2f); of the entry,"
                                + " opening and metadata rows %,.0f/s (ratio %.2f)%n",
                        appends,
                        baseline.entryRows(),
                        appends / baseline.entryRows(),
                        baseline.storedRows(),
                        appends / baseline.storedRows(),
                        baseline.allRows(),
                        appends / baseline.allRows());
                ResultLine.print("log.append", appends, "/s", baseline.storedRows(), "ratio>=0.5");
                ResultLine.print("log.append.vs-entry-rows-only", appends, "/s", baseline.entryRows(), "-");
                ResultLine.print("log.append.vs-three-tables", appends, "/s", baseline.allRows(), "-");
                ResultLine.print(
                        "log.append.server-cpu-per-entry",
                        cost.serverMicrosPerEntry(entries),
                        "us",
                        baseline.storedCost().serverMicrosPerEntry(entries),
                        "-");
                ResultLine.print(
                        "log.append.jvm-cpu-per-entry",
                        cost.jvmNanos() / 1e3 / entries,
                        "us",
                        baseline.storedCost().jvmNanos() / 1e3 / entries,
                        "-");
                ResultLine.print(
                        "log.append.wal-per-entry",
                        cost.walBytes() / (double) entries,
                        "B",
                        baseline.storedCost().walBytes() / (double) entries,
                        "-");
                // A second argument "appends" stops here (appends and their baseline only).
                if (args.length > 1 && args[1].equals("appends")) {
                    return;
                }
                proofs(log);
                verify(log, "http://localhost:" + port + "/", work);
            }
        }
    }

    private static final int WINDOW = 4 * 4096;

    /** Appends (and raw rows) before the measured ones, unmeasured: JIT compilation of both paths. */
    private static final long WARM_UP = 20_000;

    /**
     * Events are built before the clock starts, as the baseline's rows are: the log's work begins at a
     * {@code LogEvent} (casework builds its metadata as part of its own change). At most this many at a
     * time, so a run of millions fits in the heap; between chunks the appends in flight drain and the
     * clock stops, which only costs the appends (a pipeline bubble per chunk).
     */
    private static final int CHUNK = 100_000;

    private static final String WRITER_THREAD = "transparency-log-writer";

    /** CPU (ns) and allocation (B) of the submitting thread spent building the events, not appending. */
    private static long buildingCpu;

    private static long buildingBytes;

    /** Appends events {@code from .. from+count-1}, returning durable appends per second. */
    private static double append(TransparencyLog log, long from, long count, String phase) throws InterruptedException {
        // Four writer batches in flight (the default max-batch is 4 096): with two, the writer often
        // found only the entries acknowledged since its last batch and wrote half-full batches.
        Semaphore window = new Semaphore(WINDOW);
        AtomicLong done = new AtomicLong();
        long nanos = 0;
        long reported = System.nanoTime();
        var self = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (long chunk = 0; chunk < count; chunk += CHUNK) {
            long cpu = self.getCurrentThreadCpuTime();
            long bytes = self.getCurrentThreadAllocatedBytes();
            var events = new org.comity.transparency.LogEvent[(int) Math.min(CHUNK, count - chunk)];
            for (int i = 0; i < events.length; i++) {
                events[i] = LogEvents.event(from + chunk + i);
            }
            buildingCpu += self.getCurrentThreadCpuTime() - cpu;
            buildingBytes += self.getCurrentThreadAllocatedBytes() - bytes;
            long start = System.nanoTime();
            for (var event : events) {
                window.acquire();
                log.appendAsync(event).whenComplete((a, e) -> {
                    if (e != null) {
                        e.printStackTrace();
                    }
                    done.incrementAndGet();
                    window.release();
                });
                if (System.nanoTime() - reported > 10_000_000_000L) {
                    reported = System.nanoTime();
                    System.out.printf(
                            "  %,d appended, %,.0f/s so far%n",
                            done.get(), done.get() / ((nanos + reported - start) / 1e9));
                }
            }
            window.acquire(WINDOW);
            window.release(WINDOW);
            nanos += System.nanoTime() - start;
        }
        double seconds = nanos / 1e9;
        System.out.printf(
                "APPEND (%s): %,d durable appends in %.1f s = %,.0f entries/s%n",
                phase, count, seconds, count / seconds);
        log.awaitCheckpoint(from + count, Duration.ofMinutes(1));
        return count / seconds;
    }

    /**
     * Waits until this JVM is idle (below a tenth of a core over half a second, at most a minute): the
     * node starts background work once it serves (the evidence module warms AES-GCM up for some
     * seconds of CPU), which ran beside the first seconds of appends on the 2 cores and was counted in
     * their JVM CPU, while the baseline, measured later, had the machine to itself.
     */
    private static void awaitIdle() throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        long cpu = os.getProcessCpuTime();
        while (System.nanoTime() - start < 60_000_000_000L) {
            Thread.sleep(500);
            long now = os.getProcessCpuTime();
            if (now - cpu < 50_000_000L) {
                break;
            }
            cpu = now;
        }
        System.out.printf("IDLE after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /** CPU time so far (ns) of each live Java thread, by name (threads of one name added up). */
    private static java.util.Map<String, Long> threadCpu() {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        var out = new java.util.HashMap<String, Long>();
        for (var t : Thread.getAllStackTraces().keySet()) {
            out.merge(t.getName(), Math.max(0, bean.getThreadCpuTime(t.threadId())), Long::sum);
        }
        return out;
    }

    /** Bytes allocated so far by the live thread named {@code name} (the load does not change it). */
    private static long allocated(String name) {
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name))
                .mapToLong(t -> Math.max(0, bean.getThreadAllocatedBytes(t.threadId())))
                .sum();
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    /**
     * How many transactions the writer needed (each batch moves the head once), from the server's
     * statistics: a count the machine's load does not blur, and what the per-batch costs multiply.
     */
    private static void batches(javax.sql.DataSource dataSource, long entries) throws Exception {
        Thread.sleep(1500); // the server publishes its counters at most once a second
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var r = s.executeQuery("SELECT n_tup_upd FROM pg_stat_user_tables WHERE relname = 'log_head'")) {
            r.next();
            long batches = r.getLong(1);
            System.out.printf(
                    "BATCHES: %,d writer transactions, %,.0f entries each on average%n",
                    batches, entries / (double) Math.max(1, batches));
        }
    }

    /**
     * Rows per second of the baseline: only the entry rows; the entry and opening rows (what an append
     * stores per entry since V24); the entry, opening and metadata rows (what it stored per entry
     * before). With the cost of the second.
     */
    record Baseline(double entryRows, double storedRows, double allRows, ServerCost storedCost) {}

    /**
     * The baseline for appends, on the same server and settings: the rows the writer stores for the
     * same events (the same bytes, built beforehand and not timed), inserted in batches of the writer's
     * size with one multi-row {@code unnest} INSERT per table and one commit per batch, into tables
     * with a primary key only (no other index, trigger, foreign key, hashing or tiles). First the entry
     * rows alone, then entry and opening ({@code log_secret}) rows, then entry, opening and metadata
     * ({@code log_entry_meta} as it was until V24) rows, each pass into fresh tables.
     */
    static Baseline rawInserts(javax.sql.DataSource dataSource, long first, long entries, int batch, String suffix)
            throws Exception {
        try (var c = dataSource.getConnection()) {
            try (var s = c.createStatement()) {
                s.execute("CREATE TABLE raw_entry" + suffix
                        + " (idx bigint PRIMARY KEY, event_id uuid NOT NULL, entry bytea NOT NULL)");
                for (int pass = 1; pass < 3; pass++) {
                    s.execute("CREATE TABLE raw_entry" + pass + suffix
                            + " (idx bigint PRIMARY KEY, event_id uuid NOT NULL, entry bytea NOT NULL)");
                    s.execute("CREATE TABLE raw_secret" + pass + suffix
                            + " (idx bigint PRIMARY KEY, salt bytea NOT NULL, record bytea NOT NULL,"
                            + " disclose date NOT NULL)");
                }
                s.execute("CREATE TABLE raw_meta" + suffix
                        + " (idx bigint PRIMARY KEY, day date NOT NULL, requesting text NOT NULL,"
                        + " requested text NOT NULL, kind text NOT NULL, event text NOT NULL, outcome text,"
                        + " refusal_grounds text[] NOT NULL)");
            }
            c.setAutoCommit(false);
            var random = new java.security.SecureRandom();
            long[] nanos = new long[3];
            ServerCost storedCost = null;
            for (int pass = 0; pass < 3; pass++) {
                // Only the inserts and commits are timed; the cost includes building the rows (JVM side).
                var before = ServerCost.snapshot(dataSource);
                for (long from = 0; from < entries; from += batch) {
                    int n = (int) Math.min(batch, entries - from);
                    Long[] idx = new Long[n];
                    java.util.UUID[] ids = new java.util.UUID[n];
                    byte[][] bodies = new byte[n][];
                    byte[][] salts = new byte[n][];
                    byte[][] records = new byte[n][];
                    java.sql.Date[] disclose = new java.sql.Date[n];
                    java.sql.Date[] day = new java.sql.Date[n];
                    String[] requesting = new String[n];
                    String[] requested = new String[n];
                    String[] kind = new String[n];
                    String[] event = new String[n];
                    String[] outcome = new String[n];
                    String[] grounds = new String[n];
                    for (int i = 0; i < n; i++) {
                        var e = LogEvents.event(first + from + i);
                        byte[] salt = new byte[32];
                        random.nextBytes(salt);
                        var m = e.metadata();
                        idx[i] = first + from + i;
                        ids[i] = e.eventId();
                        bodies[i] = new org.comity.transparency.LogEntry(
                                        m,
                                        org.comity.transparency.Commitment.of(
                                                salt, e.confidentialRecord(), e.disclose()))
                                .bytes();
                        salts[i] = salt;
                        records[i] = e.confidentialRecord();
                        disclose[i] = java.sql.Date.valueOf(e.disclose());
                        day[i] = java.sql.Date.valueOf(m.day());
                        requesting[i] = m.requesting().value();
                        requested[i] = m.requested().value();
                        kind[i] = m.kind();
                        event[i] = m.event().code();
                        outcome[i] = m.outcome() == null ? null : m.outcome().code();
                        grounds[i] = String.join(",", m.refusalGrounds());
                    }
                    long t = System.nanoTime();
                    try (var p = c.prepareStatement("INSERT INTO raw_entry" + (pass == 0 ? "" : pass) + suffix
                            + " SELECT * FROM unnest(?::bigint[], ?::uuid[], ?::bytea[])")) {
                        p.setArray(1, c.createArrayOf("int8", idx));
                        p.setArray(2, c.createArrayOf("uuid", ids));
                        p.setArray(3, c.createArrayOf("bytea", bodies));
                        p.executeUpdate();
                    }
                    if (pass > 0) {
                        try (var p = c.prepareStatement("INSERT INTO raw_secret" + pass + suffix
                                + " SELECT * FROM unnest(?::bigint[], ?::bytea[], ?::bytea[], ?::date[])")) {
                            p.setArray(1, c.createArrayOf("int8", idx));
                            p.setArray(2, c.createArrayOf("bytea", salts));
                            p.setArray(3, c.createArrayOf("bytea", records));
                            p.setArray(4, c.createArrayOf("date", disclose));
                            p.executeUpdate();
                        }
                    }
                    if (pass == 2) {
                        try (var p = c.prepareStatement(
                                "INSERT INTO raw_meta" + suffix + " SELECT i, d, rq, rd, k, e, o,"
                                        + " string_to_array(g, ',') FROM unnest(?::bigint[], ?::date[], ?::text[], ?::text[],"
                                        + " ?::text[], ?::text[], ?::text[], ?::text[]) AS u(i, d, rq, rd, k, e, o, g)")) {
                            p.setArray(1, c.createArrayOf("int8", idx));
                            p.setArray(2, c.createArrayOf("date", day));
                            p.setArray(3, c.createArrayOf("text", requesting));
                            p.setArray(4, c.createArrayOf("text", requested));
                            p.setArray(5, c.createArrayOf("text", kind));
                            p.setArray(6, c.createArrayOf("text", event));
                            p.setArray(7, c.createArrayOf("text", outcome));
                            p.setArray(8, c.createArrayOf("text", grounds));
                            p.executeUpdate();
                        }
                    }
                    c.commit();
                    nanos[pass] += System.nanoTime() - t;
                }
                var cost = ServerCost.snapshot(dataSource).minus(before);
                System.out.printf("RAW pass %d%s COST: %s%n", pass, suffix, cost.perEntry(entries));
                if (pass == 1) {
                    storedCost = cost;
                }
            }
            return new Baseline(
                    entries / (nanos[0] / 1e9), entries / (nanos[1] / 1e9), entries / (nanos[2] / 1e9), storedCost);
        }
    }

    /** Proofs measured per round and kind; the p99 is the 100th slowest of them. */
    static final int PROOF_SAMPLES = 10_000;

    /** Proofs built, unmeasured, between the cold and the warm round: JIT compilation and tile cache. */
    static final int PROOF_WARMUP = 30_000;

    /**
     * Proof latencies, each beside a baseline measured in the same loop: the time to hash one full
     * tile (255 node hashes, the most hashing a proof does per tile) in memory, with no database or
     * cache. Its p99 is the machine's floor at this load (preemption, GC pauses, timer ticks): a
     * proof cannot have a shorter tail than the CPU work it does. The cold round runs right after the
     * appends (proof code not yet compiled, tile cache as the writer left it); the warm round after
     * {@link #PROOF_WARMUP} unmeasured proofs; a full GC before each round, outside the measurement.
     */
    private static void proofs(TransparencyLog log) throws Exception {
        long size = log.size();
        var random = new SplittableRandom(42);
        byte[] tile = new byte[256 * 32];
        random.nextBytes(tile);
        var sha256 = java.security.MessageDigest.getInstance("SHA-256");
        for (String round : List.of("cold cache", "warm cache")) {
            if (round.startsWith("warm")) {
                for (int i = 0; i < PROOF_WARMUP; i++) {
                    log.inclusionProof(random.nextLong(size), size);
                    log.consistencyProof(1 + random.nextLong(size - 1), size);
                }
            }
            System.gc();
            long[] inclusion = new long[PROOF_SAMPLES];
            long[] consistency = new long[PROOF_SAMPLES];
            long[] floor = new long[PROOF_SAMPLES];
            long gcBefore = gcCount();
            for (int i = 0; i < inclusion.length; i++) {
                long index = random.nextLong(size);
                long t = System.nanoTime();
                log.inclusionProof(index, size);
                inclusion[i] = System.nanoTime() - t;
                long old = 1 + random.nextLong(size - 1);
                t = System.nanoTime();
                log.consistencyProof(old, size);
                consistency[i] = System.nanoTime() - t;
                t = System.nanoTime();
                hashTile(sha256, tile);
                floor[i] = System.nanoTime() - t;
            }
            long gcs = gcCount() - gcBefore;
            System.out.printf(
                    "PROOFS at %,d entries (%s, %,d samples each%s, %d GCs during the round): inclusion %s;"
                            + " consistency %s; baseline (hash one tile in memory) %s%n",
                    size,
                    round,
                    PROOF_SAMPLES,
                    round.startsWith("warm") ? " after " + PROOF_WARMUP + " unmeasured" : "",
                    gcs,
                    percentiles(inclusion),
                    percentiles(consistency),
                    percentiles(floor));
            var tag = round.startsWith("cold") ? "cold" : "warm";
            // percentiles() sorted the arrays in place.
            double floorP99 = floor[floor.length * 99 / 100] / 1e6;
            ResultLine.print(
                    "proof.inclusion.p99." + tag,
                    inclusion[inclusion.length * 99 / 100] / 1e6,
                    "ms",
                    floorP99,
                    "value<1");
            ResultLine.print(
                    "proof.consistency.p99." + tag,
                    consistency[consistency.length * 99 / 100] / 1e6,
                    "ms",
                    floorP99,
                    "value<1");
        }
    }

    /** The 255 node hashes of a full tile, bottom up, with one digest: the baseline's work. */
    private static byte[] hashTile(java.security.MessageDigest d, byte[] tile) throws Exception {
        byte[] level = tile;
        for (int n = level.length / 32; n > 1; n /= 2) {
            byte[] next = new byte[n / 2 * 32];
            for (int i = 0; i < n / 2; i++) {
                d.update((byte) 1);
                d.update(level, i * 64, 64);
                d.digest(next, i * 32, 32);
            }
            level = next;
        }
        return level;
    }

    private static long gcCount() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount)
                .sum();
    }

    private static String percentiles(long[] nanos) {
        Arrays.sort(nanos);
        return String.format(
                "p50 %.3f ms, p99 %.3f ms, max %.3f ms",
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    private static void verify(TransparencyLog log, String node, Path work) throws Exception {
        Files.writeString(work.resolve("receipt"), log.receipt(log.size() / 2).serialize());
        for (List<String> args : List.of(
                List.of(
                        "verify",
                        "--node",
                        node,
                        "--key",
                        log.verifierKey(),
                        "--state",
                        work.resolve("state").toString()),
                List.of(
                        "verify",
                        "--node",
                        node,
                        "--state",
                        work.resolve("state").toString(),
                        "--receipt",
                        work.resolve("receipt").toString(),
                        "--full"))) {
            var out = new ByteArrayOutputStream();
            long t = System.nanoTime();
            int status = LogCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            System.out.printf(
                    "CLI %s: exit %d in %.1f s%n%s",
                    String.join(" ", args.subList(0, 1)) + (args.contains("--full") ? " --full --receipt" : ""),
                    status,
                    (System.nanoTime() - t) / 1e9,
                    out.toString(StandardCharsets.UTF_8)
                            .replaceAll("(?m)^entry \\d+: .*$", "")
                            .indent(4));
        }
    }
}
