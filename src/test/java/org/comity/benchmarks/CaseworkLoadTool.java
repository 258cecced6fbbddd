package org.comity.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.comity.accounts.Role;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load tool, run by hand (not part of verify), for issue 4's benchmark: creates and persists requests
 * through the REST API at a steady rate (open loop: latency is measured from the moment each request
 * was due, so a stall is not hidden), then generates N requests and measures list and full-text search
 * latency over them. PostgreSQL runs with full durability (fsync, synchronous_commit).
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.comity.benchmarks.CaseworkLoadTool 20 100000
 * </pre>
 * Each rate step runs after a baseline at the same rate and for as long: reading one request ({@code
 * GET /api/requests/{id}}: no write, no assessment), so the price of the create is shown beside what
 * the node and the machine cost for any authorised request at that moment.
 *
 * <p>Before the steps: a warm-up of {@code -Dcomity.bench.warmup} seconds (30 unless given) of creates
 * by 8 clients in closed loop, so the steps measure compiled code.
 *
 * <p>Arguments: seconds per rate step (50/s, then 200/s; 0 skips the creation steps), how many
 * requests to search over (beyond 5 000 they are cloned in SQL, see {@link #generate}), and optionally
 * {@code non-durable}: fsync and synchronous_commit off, as the sandbox ran before issue 15 item 6,
 * to measure what durability costs a create.
 *
 * <p>{@code history [seconds] [earlier] [clients]} (defaults 15, 100 000, 8) measures instead issue 18's
 * create capacity when every request names the same identifier: closed loop, {@code clients} at once,
 * each phase {@code seconds} long, after a warm-up with distinct identifiers (as long as the create
 * steps' warm-up, at least a phase). The baseline names an
 * identifier no earlier request named (the phase's own creates accumulate); the value names one that
 * {@code earlier} requests named before (their rows in {@code safeguards_subject_seen}, inserted in SQL).
 * Baseline and value run twice, alternating, and the tool prints each and the ratio of the sums.
 *
 * <p>{@code cost [seconds] [clients] [warm-up seconds]} (defaults 20, 4, 20) measures what one create
 * costs whatever the machine's load: CPU of this JVM (with its JIT compilers and GC apart) and of
 * PostgreSQL per create, commits and WAL flushes per create, and with {@code
 * -Dcomity.bench.statements=true} the statements per create and the most called ones.
 */
public final class CaseworkLoadTool {

    private static final String[] STATES = {"XA", "XB", "QM", "QN", "XC", "XD"};
    private static final String[] FACTS = {
        "Ransomware attack encrypted the hospital's patient records and demanded payment in cryptocurrency.",
        "Business e-mail compromise diverted a supplier payment to a mule account abroad.",
        "Distribution of child sexual abuse material through a file-hosting service.",
        "Sextortion of teenagers through a social network with threats to publish images.",
        "DDoS-for-hire service used against the national tax portal during the filing period.",
        "Investment fraud through a fake trading platform targeting pensioners."
    };

    private CaseworkLoadTool() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cost")) {
            cost(
                    args.length > 1 ? Integer.parseInt(args[1]) : 20,
                    args.length > 2 ? Integer.parseInt(args[2]) : 4,
                    args.length > 3 ? Integer.parseInt(args[3]) : 20);
            return;
        }
        if (args.length > 0 && args[0].equals("history")) {
            history(
                    args.length > 1 ? Integer.parseInt(args[1]) : 15,
                    args.length > 2 ? Integer.parseInt(args[2]) : 100_000,
                    args.length > 3 ? Integer.parseInt(args[3]) : 8);
            return;
        }
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int searchOver = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        String durable = args.length > 2 && args[2].equals("non-durable") ? "off" : "on";
        System.out.println("fsync and synchronous_commit " + durable);
        try (var load = LoadNode.start("comity-casework-load", durable.equals("on"))) {
            var postgres = load.postgres();
            var node = load.node();

            var token = load.token(Role.CASEWORKER);
            var base = load.base();
            var http = load.http();
            var random = new SplittableRandom(42);

            var jdbc = node.getBean(JdbcClient.class);
            if (seconds > 0) {
                // The stated warm-up: before it the JIT still compiled the create's code (50 creates at
                // 10/s were not enough: the 200/s step then measured the compiler, issue 18). Closed loop,
                // 8 clients, then a few reads for the GET baseline.
                int warmup = Integer.getInteger("comity.bench.warmup", 30);
                closed(http, base, token, 8, warmup, random, null, "warm-up, " + warmup + " s of creates (8 clients)");
                untilCompiled(http, base, token, random);
                run(http, base, token, 50, 2, random, null, "warm-up, 50 creates/s for 2 s", null);
                // The baseline: reading one request (no write, no assessment) at the same rate, same node.
                var one = "/api/requests/"
                        + jdbc.sql("SELECT id FROM casework_request LIMIT 1")
                                .query(String.class)
                                .single();
                double read50 =
                        run(http, base, token, 50, seconds, random, one, "BASELINE GET one request, 50/s", tails(load));
                double create50 = run(http, base, token, 50, seconds, random, null, "50 requests/s", tails(load));
                double read200 = run(
                        http, base, token, 200, seconds, random, one, "BASELINE GET one request, 200/s", tails(load));
                double create200 = run(http, base, token, 200, seconds, random, null, "200 requests/s", tails(load));
                ResultLine.print("api.create.p99.50-per-s", create50, "ms", read50, "-");
                ResultLine.print("api.create.p99.200-per-s", create200, "ms", read200, "value<50");
            }

            generate(http, base, token, jdbc, searchOver, random);
            double list = search(http, base, token, "/api/requests?size=20", "list, default order (oldest first)");
            ResultLine.print("search.p99.list", list, "ms", "value<100");
            // Each query beside the plain list query of the same run.
            for (var query : List.of(
                    List.of("text", "/api/requests?q=ransomware&size=20", "full-text 'ransomware'"),
                    List.of("text+state", "/api/requests?q=hospital%20records&counterpart=XB&size=20", "text + State"),
                    List.of(
                            "filters-sorted",
                            "/api/requests?kind=STORED_DATA&state=draft&sort=UPDATED&size=50",
                            "filters, sorted"),
                    List.of("text-one-match", "/api/requests?q=clone4242&size=20", "full-text, one match"),
                    List.of("page-41", "/api/requests?page=40&size=50", "page 41 (size 50)"))) {
                double p99 = search(http, base, token, query.get(1), query.get(2));
                ResultLine.print("search.p99." + query.get(0), p99, "ms", list, "value<100");
            }
            // -Dcomity.bench.hold=FILE keeps the database up until FILE exists, to EXPLAIN with psql.
            var hold = System.getProperty("comity.bench.hold");
            if (hold != null) {
                System.out.println("holding " + postgres.getJdbcUrl("postgres", "postgres") + " until " + hold);
                while (!Files.exists(java.nio.file.Path.of(hold))) {
                    Thread.sleep(1000);
                }
            }
        }
    }

    /**
     * Goes on warming up, 5 s rounds of the same closed loop, until the JIT compilers' threads took less
     * than 5 % of this JVM's CPU in a round, at most {@code -Dcomity.bench.warmup-max} seconds more (90
     * unless given). A share of CPU, not of time, so a loaded machine does not end the warm-up early or
     * late: compilation thresholds count invocations, not seconds. A fixed warm-up alone was not honest
     * (issue 18): on a loaded machine the 30 s did 645 creates and the compilers then worked through
     * every measured step (5–26 s of compiler time a step), so the steps measured the JIT. Prints what
     * it took, so the warm-up is stated.
     */
    private static void untilCompiled(HttpClient http, String base, String token, SplittableRandom random)
            throws Exception {
        int limit = Integer.getInteger("comity.bench.warmup-max", 90);
        int extra = 0;
        long creates = 0;
        double share = 1;
        var before = JitMeter.now();
        while (extra < limit && share >= JitMeter.QUIET) {
            double rate =
                    closed(http, base, token, 8, 5, random, null, "warm-up until compiled, round " + (extra / 5 + 1));
            creates += Math.round(rate * 5);
            extra += 5;
            var after = JitMeter.now();
            share = after.shareSince(before);
            System.out.printf("  JIT compilers' share of this JVM's CPU in the round: %.1f %%%n", share * 100);
            before = after;
        }
        System.out.printf(
                "warm-up until compiled: %d s and about %d creates more; JIT share %.1f %% in the last round (%s)%n",
                extra, creates, share * 100, share < JitMeter.QUIET ? "quiet" : "still compiling at the limit");
    }

    /**
     * With {@code -Dcomity.bench.tails=true}, a recorder for the next step, which attributes its slowest
     * calls ({@link TailRecorder}); otherwise none, and the step runs as it always did.
     */
    private static TailRecorder tails(LoadNode load) throws Exception {
        return Boolean.getBoolean("comity.bench.tails")
                ? TailRecorder.start(load.node(), load.postgres().getJdbcUrl("postgres", "postgres"))
                : null;
    }

    /** The history measurement (see the class comment), on its own node and database. */
    private static void history(int seconds, int earlier, int clients) throws Exception {
        try (var load = LoadNode.start("comity-history-load", true)) {
            var postgres = load.postgres();
            var node = load.node();

            var token = load.token(Role.CASEWORKER);
            var base = load.base();
            var http = load.http();
            var jdbc = node.getBean(JdbcClient.class);
            var random = new SplittableRandom(42);

            // As long as the create steps' warm-up (at least a phase): a 3 s warm-up left round 1's
            // baseline measuring the JIT compiler.
            int warmup = Math.max(seconds, Integer.getInteger("comity.bench.warmup", 30));
            closed(http, base, token, clients, warmup, random, null, "warm-up, " + warmup + " s, distinct identifiers");
            jdbc.sql("""
                                INSERT INTO safeguards_subject_seen
                                    (request_id, requesting, requested, request_date, identifier, request_version)
                                SELECT gen_random_uuid(), 'XA', (ARRAY['XB', 'QM', 'XC'])[1 + g % 3],
                                       CURRENT_DATE - (g % 700), 'ip-address:198.51.100.200', 1
                                FROM generate_series(1, :earlier) g
                                """).param("earlier", earlier).update();
            jdbc.sql("VACUUM ANALYZE safeguards_subject_seen").update();
            double baseline = 0;
            double value = 0;
            for (int round = 1; round <= 2; round++) {
                var fresh = "198.51.100." + round;
                baseline += closed(
                        http,
                        base,
                        token,
                        clients,
                        seconds,
                        random,
                        fresh,
                        "baseline round " + round + ": " + fresh + ", " + named(jdbc, fresh) + " earlier");
                value += closed(
                        http,
                        base,
                        token,
                        clients,
                        seconds,
                        random,
                        "198.51.100.200",
                        "value round " + round + ": 198.51.100.200, " + named(jdbc, "198.51.100.200") + " earlier");
            }
            System.out.printf(
                    "create capacity, every request naming one identifier: baseline (0 earlier) %.0f/s,"
                            + " value (%d earlier) %.0f/s, ratio %.2f; load average %.2f%n",
                    baseline / 2,
                    earlier,
                    value / 2,
                    value / baseline,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            ResultLine.print("api.create.capacity.one-identifier", value / 2, "/s", baseline / 2, "ratio>=0.8");
        }
    }

    /**
     * What one create costs, in measures that do not depend on the machine's load: CPU of this JVM
     * (node and HTTP client) and of PostgreSQL's processes per create, statements, commits and WAL
     * flushes per create. Closed loop, {@code clients} at once for {@code seconds} after {@code warmup}
     * seconds of the same; statements and commits need {@code -Dcomity.bench.statements=true}
     * (pg_stat_statements), the rest is read from the operating system and {@code pg_stat_wal}.
     */
    private static void cost(int seconds, int clients, int warmup) throws Exception {
        try (var load = LoadNode.start("comity-create-cost", true)) {
            var node = load.node();
            var token = load.token(Role.CASEWORKER);
            var jdbc = node.getBean(JdbcClient.class);
            var random = new SplittableRandom(42);
            boolean statements = Boolean.getBoolean("comity.bench.statements");
            if (statements) {
                jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            }
            closed(load.http(), load.base(), token, clients, warmup, random, null, "warm-up, " + warmup + " s");
            var before = Counters.read(jdbc, statements);
            long creates = created(jdbc);
            closed(load.http(), load.base(), token, clients, seconds, random, null, "measured, " + seconds + " s");
            // Backends report their WAL counters when idle, within a second or so: let them settle.
            Thread.sleep(2_000);
            var after = Counters.read(jdbc, statements);
            long n = created(jdbc) - creates;
            System.out.printf(
                    "per create (%d creates): JVM CPU %.2f ms (JIT compilers %.2f, GC %.2f), PostgreSQL CPU %.2f ms,"
                            + " commits %.2f, WAL flushes %.2f, WAL %.0f bytes; load average %.2f%n",
                    n,
                    (after.jvmCpuNanos() - before.jvmCpuNanos()) / 1e6 / n,
                    (after.jitTicks() - before.jitTicks()) * 10.0 / n,
                    (after.gcTicks() - before.gcTicks()) * 10.0 / n,
                    (after.postgresCpuTicks() - before.postgresCpuTicks()) * 10.0 / n,
                    (double) (after.commits() - before.commits()) / n,
                    (double) (after.walSyncs() - before.walSyncs()) / n,
                    (double) (after.walBytes() - before.walBytes()) / n,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            // Threads that ended in between (a pool's idle ones) lose their ticks: a group can read low.
            var groups = new java.util.TreeMap<String, Long>(after.groupTicks());
            before.groupTicks().forEach((g, t) -> groups.merge(g, -t, Long::sum));
            var split = new StringBuilder();
            groups.forEach((g, t) -> split.append(String.format("%s %.2f ms, ", g, t * 10.0 / n)));
            System.out.printf(
                    "per create, this JVM's CPU by thread group: %sallocated %.0f KB%n",
                    split, (after.allocatedBytes() - before.allocatedBytes()) / 1024.0 / n);
            if (statements) {
                System.out.printf(
                        "per create: %.2f statements (%.2f BEGIN, %.2f savepoint statements)%n",
                        (double) (after.statements() - before.statements()) / n,
                        (double) (after.begins() - before.begins()) / n,
                        (double) (after.savepoints() - before.savepoints()) / n);
                for (var row : jdbc.sql("""
                                SELECT calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query
                                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database
                                                                       WHERE datname = current_database())
                                ORDER BY calls DESC LIMIT 25
                                """)
                        .query((rs, i) -> "%8d  %s".formatted(rs.getLong(1), rs.getString(2)))
                        .list()) {
                    System.out.println(row);
                }
            }
            ResultLine.print(
                    "api.create.cpu-per-create", (after.jvmCpuNanos() - before.jvmCpuNanos()) / 1e6 / n, "ms", "-");
        }
    }

    private static long created(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM casework_request")
                .query(Long.class)
                .single();
    }

    /** Counters read before and after a phase of {@link #cost}. */
    private record Counters(
            long jvmCpuNanos,
            long jitTicks,
            long gcTicks,
            long postgresCpuTicks,
            long commits,
            long walSyncs,
            long walBytes,
            long statements,
            long begins,
            long savepoints,
            java.util.Map<String, Long> groupTicks,
            long allocatedBytes) {

        /**
         * The group a JVM thread's CPU goes to, by its name (Linux keeps 15 characters of it): the
         * tool's client (its pool of calling threads and the JDK HTTP client's), the carriers of
         * virtual threads (Tomcat runs every request on one), the JIT, the GC, the node's own
         * background threads, and the rest.
         */
        static String group(String comm) {
            if (comm.startsWith("pool-") || comm.startsWith("HttpClient")) {
                return "client";
            }
            if (comm.startsWith("ForkJoinPool")) {
                return "requests (virtual-thread carriers)";
            }
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                return "JIT";
            }
            if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
                return "GC";
            }
            if (comm.startsWith("http-nio") || comm.startsWith("Catalina") || comm.startsWith("container")) {
                return "Tomcat's own threads";
            }
            if (comm.startsWith("transparency")
                    || comm.startsWith("exchange")
                    || comm.startsWith("monitor")
                    || comm.startsWith("scheduling")
                    || comm.startsWith("task-")) {
                return "node background (log writer, dispatcher, jobs)";
            }
            return "other";
        }

        static Counters read(JdbcClient jdbc, boolean statements) throws Exception {
            jdbc.sql("SELECT pg_stat_clear_snapshot()").query(Object.class).list();
            var wal = jdbc.sql("""
                            SELECT wal_sync, wal_bytes::bigint, (SELECT xact_commit FROM pg_stat_database
                                                                 WHERE datname = current_database())
                            FROM pg_stat_wal
                            """)
                    .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                    .single();
            long[] calls = {0, 0, 0};
            if (statements) {
                calls = jdbc.sql("""
                                SELECT coalesce(sum(calls), 0)::bigint,
                                       coalesce(sum(calls) FILTER (WHERE query ILIKE 'begin%'), 0)::bigint,
                                       coalesce(sum(calls) FILTER (WHERE query ILIKE '%savepoint%'), 0)::bigint
                                FROM pg_stat_statements
                                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                                """)
                        .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                        .single();
            }
            var os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            int backend =
                    jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single();
            long jit = 0;
            long gc = 0;
            var groups = new java.util.TreeMap<String, Long>();
            try (var tasks = Files.list(java.nio.file.Path.of("/proc/self/task"))) {
                for (var task : tasks.toList()) {
                    try {
                        var line = Files.readString(task.resolve("stat"));
                        var comm = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                        var rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                        groups.merge(group(comm), ticks, Long::sum);
                        if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                            jit += ticks;
                        } else if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
                            gc += ticks;
                        }
                    } catch (java.io.IOException gone) {
                        // the thread ended between the listing and the read
                    }
                }
            }
            return new Counters(
                    os.getProcessCpuTime(),
                    jit,
                    gc,
                    postgresTicks(backend),
                    wal[2],
                    wal[0],
                    wal[1],
                    calls[0],
                    calls[1],
                    calls[2],
                    groups,
                    ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                            .getTotalThreadAllocatedBytes());
        }

        /** User and system CPU of the postmaster, its children alive and those it reaped, in clock ticks. */
        private static long postgresTicks(int backend) throws Exception {
            long postmaster = stat(backend)[1];
            var fields = stat(postmaster);
            long ticks = fields[11] + fields[12] + fields[13] + fields[14];
            try (var procs = Files.list(java.nio.file.Path.of("/proc"))) {
                for (var dir : procs.toList()) {
                    var name = dir.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        var child = stat(Long.parseLong(name));
                        if (child[1] == postmaster) {
                            ticks += child[11] + child[12];
                        }
                    } catch (java.io.IOException gone) {
                        // exited between the listing and the read
                    }
                }
            }
            return ticks;
        }

        /** /proc/PID/stat's fields after the command: [0] state (0), [1] ppid, ... [11] utime, [12] stime. */
        private static long[] stat(long pid) throws java.io.IOException {
            var line = Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            var rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
            var fields = new long[15];
            for (int i = 1; i < fields.length; i++) {
                fields[i] = Long.parseLong(rest[i]);
            }
            return fields;
        }
    }

    private static long named(JdbcClient jdbc, String ip) {
        return jdbc.sql("SELECT count(*) FROM safeguards_subject_seen WHERE identifier = :id")
                .param("id", "ip-address:" + ip)
                .query(Long.class)
                .single();
    }

    /**
     * Closed loop: {@code clients} each create requests one after the other for {@code seconds}, every
     * request naming {@code ip} (null: a random address each). Returns the creates per second.
     */
    private static double closed(
            HttpClient http,
            String base,
            String token,
            int clients,
            int seconds,
            SplittableRandom random,
            String ip,
            String label)
            throws Exception {
        var latencies = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        try (var pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                var seed = random.split();
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        var body = ip == null ? body(seed) : body(seed).replaceFirst("203\\.0\\.113\\.\\d+", ip);
                        long t = System.nanoTime();
                        try {
                            var response = http.send(post(base, token, body), HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() != 201) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - t);
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = (latencies.size() - failures.get()) / elapsed;
        report(
                String.format("%s: %.0f creates/s (%d clients, %d failed)", label, rate, clients, failures.get()),
                latencies);
        return rate;
    }

    /**
     * Open loop at a fixed rate; latency counts from the scheduled send time. Creates, or with {@code
     * get} a path, reads it instead (the baseline). Returns the p99 in ms. With {@code tails}, each
     * call is recorded and the slowest are attributed at the end.
     */
    private static double run(
            HttpClient http,
            String base,
            String token,
            int rate,
            int seconds,
            SplittableRandom random,
            String get,
            String label,
            TailRecorder tails)
            throws Exception {
        int total = rate * seconds;
        var latencies = new ConcurrentLinkedQueue<Long>();
        var failures = new AtomicInteger();
        var bodies = new ArrayList<String>();
        for (int i = 0; i < total; i++) {
            bodies.add(body(random));
        }
        long start = System.nanoTime() + 50_000_000;
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long due = start + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                var body = bodies.get(i);
                pool.submit(() -> {
                    long sent = System.nanoTime();
                    try {
                        var request = get == null
                                ? post(base, token, body)
                                : HttpRequest.newBuilder(URI.create(base + get))
                                        .header("Authorization", "Bearer " + token)
                                        .GET()
                                        .build();
                        var response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != (get == null ? 201 : 200)) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    long done = System.nanoTime();
                    latencies.add(done - due);
                    if (tails != null) {
                        tails.add(get == null ? "create" : "read", due, sent, done);
                    }
                });
            }
        }
        if (tails != null) {
            tails.report(label);
        }
        return report(
                label + " for " + seconds + " s (" + total + (get == null ? " creates, " : " reads, ") + failures.get()
                        + " failed)",
                latencies);
    }

    /** Requests created through the API before the rest are cloned in SQL. */
    private static final int THROUGH_API = 5_000;

    /**
     * Brings the table to {@code count} requests: the first {@link #THROUGH_API} through the API (so they
     * are real: assessed, audited, logged), the rest cloned from them in SQL with new ids, earlier dates
     * and a distinct search token each, so 1 000 000 rows take minutes, not hours. Clones are there to be
     * searched; they have no audit trail or log entry.
     */
    private static void generate(
            HttpClient http, String base, String token, JdbcClient jdbc, int count, SplittableRandom random)
            throws Exception {
        long existing = jdbc.sql("SELECT count(*) FROM casework_request")
                .query(Long.class)
                .single();
        long start = System.nanoTime();
        var remaining = new AtomicInteger((int) Math.max(0, Math.min(count, THROUGH_API) - existing));
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                var seed = random.split();
                pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        try {
                            http.send(post(base, token, body(seed)), HttpResponse.BodyHandlers.discarding());
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return null;
                });
            }
        }
        long real = jdbc.sql("SELECT count(*) FROM casework_request")
                .query(Long.class)
                .single();
        long cloned = 0;
        while (real + cloned < count) {
            int batch = (int) Math.min(100_000, count - real - cloned);
            long offset = cloned;
            // Each pass copies every real request round(batch / real) times, shifted back in time.
            jdbc.sql("""
                            INSERT INTO casework_request (id, version, direction, kind, state, open, awaiting_decision,
                                state_data, content, deadline, preservation, counterpart_state, emergency, assignee,
                                created_by, created_at, updated_at, due_at, clock_stopped, deadline_miss_reported,
                                preservation_expires_at, preservation_warned, search_text, unit,
                                reference_year, reference_number, reference)
                            SELECT gen_random_uuid(), version, direction, kind, state, open, awaiting_decision,
                                state_data, content, deadline, preservation, counterpart_state, emergency, assignee,
                                created_by, created_at - make_interval(mins => (:offset + n)::int),
                                updated_at - make_interval(mins => (:offset + n)::int), due_at, clock_stopped,
                                deadline_miss_reported, preservation_expires_at, preservation_warned,
                                search_text || ' clone' || (:offset + n), unit,
                                -- Clones number far above real requests, so they never take a real number.
                                reference_year, 1000000000 + :offset + n, 'CLONE-' || (:offset + n)
                            FROM (SELECT r.*, row_number() OVER () AS n
                                  FROM (SELECT * FROM casework_request ORDER BY created_at DESC LIMIT :real) r,
                                       generate_series(1, :copies) g
                                  LIMIT :batch) c
                            """)
                    .param("offset", offset)
                    .param("real", real)
                    .param("copies", (int) Math.ceil((double) batch / real))
                    .param("batch", batch)
                    .update();
            cloned += batch;
        }
        jdbc.sql("VACUUM ANALYZE casework_request").update();
        long total = jdbc.sql("SELECT count(*) FROM casework_request")
                .query(Long.class)
                .single();
        System.out.printf(
                "generated %d requests through the API and %d by cloning in %.1f s; %d in the table%n",
                real - existing, cloned, (System.nanoTime() - start) / 1e9, total);
    }

    private static double search(HttpClient http, String base, String token, String path, String label)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        for (int i = 0; i < 20; i++) {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
        var latencies = new ConcurrentLinkedQueue<Long>();
        for (int i = 0; i < 200; i++) {
            long t = System.nanoTime();
            var response = http.send(request, HttpResponse.BodyHandlers.discarding());
            latencies.add(System.nanoTime() - t);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(label + ": HTTP " + response.statusCode());
            }
        }
        return report("search: " + label, latencies);
    }

    private static HttpRequest post(String base, String token, String body) {
        return HttpRequest.newBuilder(URI.create(base + "/api/requests"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    static String body(SplittableRandom random) {
        var requested = STATES[random.nextInt(STATES.length)];
        var facts = FACTS[random.nextInt(FACTS.length)] + " Case " + random.nextInt(1_000_000) + ".";
        return """
                {"kind": "STORED_DATA", "content": {
                 "requestingAuthority": {"name": "Central Authority", "state": "XA"},
                 "requestedAuthority": {"name": "Ministry of Justice", "state": "%s"},
                 "legalBasis": "UNCC",
                 "offences": [{"domesticProvision": "Penal Code s. 301", "conductCategories": ["ict-theft-or-fraud"],
                               "maximumPenaltyMonths": 96}],
                 "summaryOfFacts": "%s",
                 "subjects": [{"role": "ACCOUNT_HOLDER", "identifiers": [{"type": "IP_ADDRESS", "value": "203.0.113.%d",
                               "observedAt": "2026-01-10T12:00:00Z", "timeZone": "Europe/Paris"}]}],
                 "dataSought": {"categories": ["SUBSCRIBER"], "from": "2026-01-01T00:00:00Z",
                                "to": "2026-01-31T00:00:00Z", "provider": "Example Hosting Ltd"},
                 "purpose": "Identify the operator for prosecution.",
                 "urgency": {"level": "NORMAL"},
                 "confidentiality": {"required": true, "endsOn": "2027-01-01"}}}
                """.formatted(requested, facts, random.nextInt(255));
    }

    /** Prints the percentiles and returns the p99 in ms. */
    private static double report(String label, java.util.Collection<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(
                "%-60s n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n",
                label,
                sorted.length,
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6);
        return percentile(sorted, 0.99);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
