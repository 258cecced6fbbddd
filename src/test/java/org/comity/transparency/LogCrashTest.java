package org.comity.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.comity.Comity;
import org.comity.testing.TestPostgres;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.CompactRange;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Kills a node with SIGKILL while it appends (in a child JVM, so nothing gets to clean up), then
 * restarts it on the same database and data directory: every append the dead node acknowledged is
 * there at the index it reported, the writer resumes, and every checkpoint ever signed, before and
 * after the crash, is consistent with the next. PostgreSQL itself keeps running: this is the node's
 * crash; surviving a database crash is PostgreSQL's job (synchronous_commit and fsync on).
 */
class LogCrashTest {

    @Test
    void killingTheNodeDuringAppendsLosesNoAcknowledgedEntryAndCheckpointsStayConsistent(@TempDir Path dataDir)
            throws Exception {
        String url = TestPostgres.newDatabase();
        Map<Long, String[]> acked = new HashMap<>();
        Process child = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xshare:off",
                        LogWriterProcess.class.getName(),
                        url,
                        dataDir.toString())
                .redirectError(Files.createTempFile("log-writer", ".err").toFile())
                .start();
        var jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
        SignedNote lastBeforeKill;
        try (var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String line;
            while ((line = reader.readLine()) != null && acked.size() < 20_000 && System.nanoTime() < deadline) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ");
                    acked.put(Long.parseLong(parts[1]), new String[] {parts[2], parts[3]});
                }
            }
            lastBeforeKill = SignedNote.parse(jdbc.sql("SELECT note FROM log_checkpoint ORDER BY size DESC LIMIT 1")
                    .query(String.class)
                    .single());
            child.destroyForcibly(); // SIGKILL, mid-batch: appends never stopped
            // Acknowledgements printed but not yet read are simply not counted: a subset is enough.
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(acked).hasSizeGreaterThan(1000);

        // Every acknowledged entry is stored at the index the node reported.
        Map<java.util.UUID, String> stored = new HashMap<>();
        jdbc.sql("SELECT event_id, idx, entry FROM log_entry").query(rs -> {
            stored.put(
                    rs.getObject(1, java.util.UUID.class),
                    rs.getLong(2) + " " + MerkleTree.leafHash(rs.getBytes(3)).hex());
        });
        for (var ack : acked.entrySet()) {
            assertThat(stored.get(LogEvents.event(ack.getKey()).eventId()))
                    .as("acknowledged event " + ack.getKey())
                    .isEqualTo(ack.getValue()[0] + " " + ack.getValue()[1]);
        }
        System.err.printf(
                "LogCrashTest: %d acknowledged before SIGKILL, %d stored, last checkpoint before kill %s%n",
                acked.size(), stored.size(), lastBeforeKill.text().replace('\n', ' '));
        long maxEvent = acked.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();

        try (var node = new SpringApplicationBuilder(Comity.class)
                .run(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=postgres",
                        "--comity.data-dir=" + dataDir,
                        "--server.port=0",
                        "--comity.transparency.checkpoint-interval=0s")) {
            var log = node.getBean(TransparencyLog.class);
            // Resubmit everything the dead node may have had in flight, and some more.
            List<CompletableFuture<Appended>> futures = new ArrayList<>();
            for (long i = 0; i <= maxEvent + 3000; i++) {
                futures.add(log.appendAsync(LogEvents.event(i)));
            }
            for (int i = 0; i < futures.size(); i++) {
                Appended appended = futures.get(i).join();
                String[] ack = acked.get((long) i);
                if (ack != null) {
                    assertThat(appended.alreadyLogged()).isTrue();
                    assertThat(appended.index()).isEqualTo(Long.parseLong(ack[0]));
                }
            }
            long size = maxEvent + 3001;
            assertThat(log.awaitCheckpoint(size, Duration.ofSeconds(30))).isTrue();
            assertThat(log.size()).isEqualTo(size);

            // The root over all stored entries is the latest checkpoint's.
            var range = CompactRange.empty();
            jdbc.sql("SELECT entry FROM log_entry ORDER BY idx")
                    .query((rs, n) -> rs.getBytes(1))
                    .list()
                    .forEach(e -> range.append(MerkleTree.leafHash(e)));
            var trusted = TrustedLog.of(log.verifier());
            assertThat(trusted.verify(log.checkpoint()).root()).isEqualTo(range.root());

            // Every checkpoint ever signed is consistent with the next one, across the crash.
            List<String> notes = jdbc.sql("SELECT note FROM log_checkpoint ORDER BY size")
                    .query(String.class)
                    .list();
            Checkpoint before = trusted.verify(lastBeforeKill);
            assertThat(notes).contains(lastBeforeKill.serialize());
            assertThat(notes.size()).isGreaterThan(2);
            Checkpoint previous = null;
            for (String note : notes) {
                Checkpoint current = trusted.verify(SignedNote.parse(note));
                if (previous != null && previous.size() > 0) {
                    log.consistencyProof(previous.size(), current.size()).verify(previous.root(), current.root());
                }
                previous = current;
            }
            assertThat(previous.size()).isGreaterThan(before.size());
            assertThat(Hash.of(previous.root().bytes())).isEqualTo(range.root());
        }
    }
}
