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
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pg"))
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
                append(log, entries);
                proofs(log);
                verify(log, "http://localhost:" + port + "/", work);
            }
        }
    }

    private static void append(TransparencyLog log, long entries) throws InterruptedException {
        Semaphore window = new Semaphore(8192);
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long reported = start;
        for (long i = 0; i < entries; i++) {
            window.acquire();
            log.appendAsync(LogEvents.event(i)).whenComplete((a, e) -> {
                if (e != null) {
                    e.printStackTrace();
                }
                done.incrementAndGet();
                window.release();
            });
            if (System.nanoTime() - reported > 10_000_000_000L) {
                reported = System.nanoTime();
                System.out.printf(
                        "  %,d appended, %,.0f/s so far%n", done.get(), done.get() / ((reported - start) / 1e9));
            }
        }
        window.acquire(8192);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "APPEND: %,d durable appends in %.1f s = %,.0f entries/s%n", entries, seconds, entries / seconds);
        log.awaitCheckpoint(entries, Duration.ofMinutes(1));
    }

    private static void proofs(TransparencyLog log) {
        long size = log.size();
        var random = new SplittableRandom(42);
        for (String round : List.of("cold cache", "warm cache")) {
            long[] inclusion = new long[10_000];
            long[] consistency = new long[10_000];
            for (int i = 0; i < inclusion.length; i++) {
                long index = random.nextLong(size);
                long t = System.nanoTime();
                log.inclusionProof(index, size);
                inclusion[i] = System.nanoTime() - t;
                long old = 1 + random.nextLong(size - 1);
                t = System.nanoTime();
                log.consistencyProof(old, size);
                consistency[i] = System.nanoTime() - t;
            }
            System.out.printf(
                    "PROOFS at %,d entries (%s): inclusion %s; consistency %s%n",
                    size, round, percentiles(inclusion), percentiles(consistency));
        }
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
