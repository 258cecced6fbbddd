package org.comity.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.comity.accounts.Role;
import org.comity.benchmarks.TransitionLoadTool.Client;
import org.comity.benchmarks.TransitionLoadTool.Phase;
import org.comity.testing.FictionalUncc;
import org.comity.treaty.Treaties;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load tool, run by hand (not part of verify), for issue 18: what one authenticated API read costs,
 * the figure every other one sits on. C clients in a closed loop read one request each call ({@code
 * GET /api/requests/{id}} with a bearer token), beside a baseline measured in the same run by the same
 * clients: {@code GET /actuator/health} without a token (Tomcat, the filter chains and MVC, no
 * authentication, no query). The two alternate, round after round, so the machine's load falls on
 * both alike. Each phase prints calls per second, latency, and what it cost per call: commits, rows
 * written, WAL fsyncs and the JVM's CPU time ({@link DatabaseCounters}; the client shares the JVM,
 * so its CPU is in both figures).
 *
 * <pre>
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.comity.benchmarks.ReadCostTool 1 10 10 2
 * </pre>
 * Arguments: clients (1), seconds per measured phase (10), seconds of warm-up (both calls, 10),
 * rounds (2).
 */
public final class ReadCostTool {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReadCostTool() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        try (var load = LoadNode.start(
                "comity-read-cost", true, "--" + FictionalUncc.PROPERTY, "--comity.casework.watch-enabled=false")) {
            var node = load.node();
            FictionalUncc.inForce(node.getBean(Treaties.class));
            var token = load.token(Role.CASEWORKER);
            var client = new Client(load.http(), load.base(), token, token, token);
            var jdbc = node.getBean(JdbcClient.class);

            var ids = new ArrayList<String>();
            var random = new SplittableRandom(18);
            // Setup only: on a loaded machine a create can outlast the client's timeout; try again.
            for (int attempt = 0; ids.size() < 20 && attempt < 200; attempt++) {
                var body = CaseworkLoadTool.body(random).replace("\"state\": \"XA\"", "\"state\": \"XC\"");
                try {
                    var response = client.post(token, "/api/requests/incoming", body);
                    if (response.statusCode() == 201) {
                        ids.add(JSON.readTree(response.body()).get("id").asString());
                    }
                } catch (java.io.IOException e) {
                    System.out.println("register: " + e);
                }
            }
            if (ids.isEmpty()) {
                throw new IllegalStateException("no request registered");
            }

            run(client, ids, clients, warmUp / 2, false);
            run(client, ids, clients, warmUp - warmUp / 2, true);
            double baselineCalls = 0, readCalls = 0, baselineSeconds = 0, readSeconds = 0;
            double baselineCpu = 0, readCpu = 0;
            var baselineLatency = new ArrayList<Long>();
            var readLatency = new ArrayList<Long>();
            for (int round = 1; round <= rounds; round++) {
                var before = DatabaseCounters.take(jdbc);
                var baseline = run(client, ids, clients, seconds, false);
                var between = DatabaseCounters.take(jdbc);
                var reads = run(client, ids, clients, seconds, true);
                var after = DatabaseCounters.take(jdbc);
                System.out.println("round " + round + ", load average "
                        + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage());
                System.out.println(baseline.summary("  BASELINE GET /actuator/health, no token"));
                System.out.println("  " + between.per(before, baseline.nanos.size(), "health call"));
                System.out.println(reads.summary("  GET /api/requests/{id}, bearer token"));
                System.out.println("  " + after.per(between, reads.nanos.size(), "read"));
                baselineCalls += baseline.nanos.size();
                readCalls += reads.nanos.size();
                baselineSeconds += (baseline.endNanos - baseline.startNanos) / 1e9;
                readSeconds += (reads.endNanos - reads.startNanos) / 1e9;
                baselineCpu += (between.cpuNanos() - before.cpuNanos()) / 1e6;
                readCpu += (after.cpuNanos() - between.cpuNanos()) / 1e6;
                baselineLatency.addAll(baseline.nanos);
                readLatency.addAll(reads.nanos);
                if (baseline.failures.get() + reads.failures.get() + baseline.timeouts.get() + reads.timeouts.get()
                        > 0) {
                    throw new IllegalStateException("failed calls: see above");
                }
            }
            String suffix = ".c" + clients;
            ResultLine.print(
                    "api.read.rate" + suffix, readCalls / readSeconds, "/s", baselineCalls / baselineSeconds, "-");
            ResultLine.print("api.read.p99" + suffix, p99(readLatency), "ms", p99(baselineLatency), "-");
            ResultLine.print("api.read.cpu" + suffix, readCpu / readCalls, "ms", baselineCpu / baselineCalls, "-");
        }
    }

    private static double p99(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0
                ? 0
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.99 * sorted.length) - 1)] / 1e6;
    }

    private static Phase run(Client client, List<String> ids, int clients, int seconds, boolean read) throws Exception {
        var phase = new Phase();
        var next = new AtomicLong();
        var health = HttpRequest.newBuilder(URI.create(client.base() + "/actuator/health"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        phase.startNanos = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(clients)) {
            for (int t = 0; t < clients; t++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (read) {
                            var id = ids.get((int) (next.getAndIncrement() % ids.size()));
                            phase.time(client, () -> client.get("/api/requests/" + id));
                        } else {
                            phase.time(client, () -> client.http().send(health, HttpResponse.BodyHandlers.ofString()));
                        }
                    }
                    return null;
                });
            }
        }
        phase.endNanos = System.nanoTime();
        return phase;
    }
}
