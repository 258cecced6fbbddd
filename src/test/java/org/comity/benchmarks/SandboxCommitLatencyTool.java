package org.comity.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.util.Arrays;
import org.comity.node.sandbox.SandboxDatabase;

/**
 * Load tool, run by hand (not part of verify), for issue 15 item 6: what durable commits cost on the
 * sandbox database. One sandbox database (fsync, synchronous_commit and full_page_writes on); one
 * connection inserts rows of a request's size, one transaction each, alternating blocks with {@code SET
 * synchronous_commit = off} (what the sandbox ran with before: an acknowledged commit there is lost if
 * PostgreSQL dies within the WAL writer's delay) and with the server's durable setting, so both see the
 * same machine load.
 *
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.comity.benchmarks.SandboxCommitLatencyTool 10 500
 * </pre>
 * Arguments: blocks per mode, commits per block.
 */
public final class SandboxCommitLatencyTool {

    private SandboxCommitLatencyTool() {}

    public static void main(String[] args) throws Exception {
        int blocks = Integer.parseInt(args[0]);
        int perBlock = Integer.parseInt(args[1]);
        var work = Files.createTempDirectory("comity-commit-latency");
        try (var database = SandboxDatabase.start(work.resolve("postgres"), 0);
                var connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE request (id bigserial PRIMARY KEY, content jsonb NOT NULL)");
            }
            String content =
                    "{\"facts\": \"" + "Ransomware attack encrypted the hospital's records. ".repeat(30) + "\"}";
            long[][] samples = {new long[blocks * perBlock], new long[blocks * perBlock]};
            String[] modes = {"off", "on"};
            try (var insert = connection.prepareStatement("INSERT INTO request (content) VALUES (?::jsonb)");
                    var set = connection.createStatement()) {
                for (int block = -1; block < blocks; block++) { // block -1 warms up, not counted
                    for (int mode = 0; mode < 2; mode++) {
                        set.execute("SET synchronous_commit = " + modes[mode]);
                        for (int i = 0; i < perBlock; i++) {
                            insert.setString(1, content);
                            long start = System.nanoTime();
                            insert.executeUpdate();
                            long took = System.nanoTime() - start;
                            if (block >= 0) {
                                samples[mode][block * perBlock + i] = took;
                            }
                        }
                    }
                }
            }
            System.out.printf(
                    "load average %.2f on %d cores; %d commits per mode, one row of %d bytes each%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors(),
                    blocks * perBlock,
                    content.length());
            for (int mode = 0; mode < 2; mode++) {
                long[] sorted = samples[mode].clone();
                Arrays.sort(sorted);
                System.out.printf(
                        "synchronous_commit=%-3s (fsync on)  p50 %.3f ms  p99 %.3f ms  max %.3f ms  mean %.3f ms%n",
                        modes[mode],
                        sorted[sorted.length / 2] / 1e6,
                        sorted[(int) (sorted.length * 0.99)] / 1e6,
                        sorted[sorted.length - 1] / 1e6,
                        Arrays.stream(sorted).average().orElse(0) / 1e6);
            }
        }
    }
}
