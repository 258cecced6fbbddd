package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.comity.node.sandbox.SandboxDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The sandbox database in a child JVM killed with SIGKILL (issue 15, items 6 and 7): the next start in
 * this JVM succeeds by itself, and every commit the child saw acknowledged is there — also when its
 * PostgreSQL is killed at the same moment, which with fsync or synchronous_commit off loses the last
 * acknowledged commits.
 */
class SandboxCrashTest {

    @Test
    void aServerLeftRunningByAKilledNodeIsStoppedAtTheNextStart(@TempDir Path dataDir) throws Exception {
        var directory = dataDir.resolve("postgres");
        var child = startWriter(directory);
        Set<Long> acknowledged;
        long orphan;
        try {
            orphan = child.awaitReady();
            child.awaitAcknowledgements(200);
            // SIGKILL: nothing in the child gets to stop PostgreSQL. Through the handle, which unlike
            // Process.destroyForcibly leaves the pipe open, so every acknowledgement printed is read.
            child.process.toHandle().destroyForcibly();
            child.process.waitFor(30, TimeUnit.SECONDS);
            acknowledged = child.drain();
        } finally {
            child.process.destroyForcibly();
        }
        assertThat(running(orphan))
                .as("the killed node's PostgreSQL is still running")
                .isTrue();

        try (var database = SandboxDatabase.start(directory, 0)) {
            assertThat(running(orphan)).as("the orphan was stopped").isFalse();
            assertThat(stored(database)).containsAll(acknowledged);
        }
    }

    @Test
    void killingTheNodeAndItsPostgresTogetherLosesNoAcknowledgedCommit(@TempDir Path dataDir) throws Exception {
        var directory = dataDir.resolve("postgres");
        var child = startWriter(directory);
        Set<Long> acknowledged;
        try {
            long postmaster = child.awaitReady();
            child.awaitAcknowledgements(1000);
            // PostgreSQL first, every process of it at once, then the node: nothing gets to flush.
            List<ProcessHandle> server = new ArrayList<>();
            ProcessHandle.of(postmaster).ifPresent(p -> {
                p.descendants().forEach(server::add);
                server.add(p);
            });
            assertThat(server).hasSizeGreaterThan(1);
            server.forEach(ProcessHandle::destroyForcibly);
            child.process.toHandle().destroyForcibly();
            child.process.waitFor(30, TimeUnit.SECONDS);
            acknowledged = child.drain();
        } finally {
            child.process.destroyForcibly();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(1000);

        try (var database = SandboxDatabase.start(directory, 0)) {
            var stored = stored(database);
            var lost = new HashSet<>(acknowledged);
            lost.removeAll(stored);
            assertThat(lost)
                    .as("acknowledged commits lost of " + acknowledged.size())
                    .isEmpty();
        }
    }

    private static boolean running(long pid) {
        // A process that exited but was not reaped yet has no command line any more.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().command())
                .isPresent();
    }

    private static Set<Long> stored(SandboxDatabase database) {
        var jdbc = JdbcClient.create(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
        return new HashSet<>(
                jdbc.sql("SELECT n FROM acknowledged").query(Long.class).list());
    }

    private static Writer startWriter(Path directory) throws Exception {
        var process = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xshare:off",
                        SandboxWriterProcess.class.getName(),
                        directory.toString())
                .redirectError(Files.createTempFile("sandbox-writer", ".err").toFile())
                .start();
        return new Writer(
                process, new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
    }

    private record Writer(Process process, BufferedReader reader, Set<Long> acknowledged) {

        Writer(Process process, BufferedReader reader) {
            this(process, reader, new HashSet<>());
        }

        long awaitReady() throws Exception {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("READY ")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
            throw new AssertionError("the writer exited before it was ready");
        }

        void awaitAcknowledgements(int count) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            while (acknowledged.size() < count && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
                record(line);
            }
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(count);
        }

        /** Every acknowledgement the child printed before it died. */
        Set<Long> drain() throws Exception {
            String line;
            while ((line = reader.readLine()) != null) {
                record(line);
            }
            return acknowledged;
        }

        private void record(String line) {
            if (line.startsWith("ACK ")) {
                acknowledged.add(Long.parseLong(line.substring(4).trim()));
            }
        }
    }
}
