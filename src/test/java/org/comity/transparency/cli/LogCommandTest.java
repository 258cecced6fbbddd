package org.comity.transparency.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.comity.testing.ServedNodeTest;
import org.comity.transparency.Appended;
import org.comity.transparency.LogEvents;
import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.note.NoteSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** {@code comity log verify} against a node serving real HTTP: it trusts nothing but the key. */
@ServedNodeTest
@TestPropertySource(properties = "comity.transparency.checkpoint-interval=0s")
class LogCommandTest {

    @LocalServerPort
    int port;

    @Autowired
    TransparencyLog log;

    @Autowired
    NoteSigner logKey;

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {}

    Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = LogCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    String node() {
        return "http://localhost:" + port + "/";
    }

    void append(int from, int to) {
        List<CompletableFuture<Appended>> futures = new ArrayList<>();
        for (int i = from; i < to; i++) {
            futures.add(log.appendAsync(LogEvents.event(i)));
        }
        futures.forEach(CompletableFuture::join);
        assertThat(log.awaitCheckpoint(to, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void verifiesCheckpointsTilesConsistencyAndReceipts() throws Exception {
        append(0, 600);
        Path state = dir.resolve("log.state");
        Run first = run("verify", "--node", node(), "--key", log.verifierKey(), "--state", state.toString(), "--full");
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("size 600", "signature OK", "root recomputed from the tiles: OK")
                .contains("recomputed 600 entries and 4 tiles")
                .contains("saved checkpoint of size 600");

        append(600, 1100);
        Files.writeString(dir.resolve("r.tlog-proof"), log.receipt(123).serialize());
        Files.write(dir.resolve("entry"), log.entry(123));
        Run second = run(
                "verify",
                "--node",
                node(),
                "--state",
                state.toString(),
                "--receipt",
                dir.resolve("r.tlog-proof").toString(),
                "--entry",
                dir.resolve("entry").toString());
        assertThat(second.status()).as(second.err()).isZero();
        assertThat(second.out())
                .contains("size 1100")
                .contains("consistent with the saved checkpoint (size 600): OK")
                .contains("receipt: entry 123 is in the tree of size 1100: OK");

        // A receipt whose entry is someone else's fails.
        Files.write(dir.resolve("entry"), log.entry(124));
        Run wrongEntry = run(
                "verify",
                "--node",
                node(),
                "--state",
                state.toString(),
                "--receipt",
                dir.resolve("r.tlog-proof").toString(),
                "--entry",
                dir.resolve("entry").toString());
        assertThat(wrongEntry.status()).isEqualTo(1);
        assertThat(wrongEntry.err()).contains("ROOT_MISMATCH");
    }

    @Test
    void detectsAForkAgainstTheSavedCheckpoint() throws Exception {
        append(0, 300);
        // The node's own key signed a tree of size 200 that is not a prefix of what it serves now.
        var forked = new Checkpoint(log.origin(), 200, Hash.of(new byte[32])).sign(logKey);
        Path state = dir.resolve("forked.state");
        Files.writeString(state, LogCommand.STATE_HEADER + "\nkey " + log.verifierKey() + "\n" + forked.serialize());
        Run run = run("verify", "--node", node(), "--state", state.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("FAILED").contains("OLD_ROOT_MISMATCH");
    }

    @Test
    void refusesACheckpointSignedByAnotherKey() {
        append(0, 10);
        var other = NoteSigner.generate(log.origin());
        Run run = run("verify", "--node", node(), "--key", other.verifier().encoded());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("NO_TRUSTED_SIGNATURE");
    }

    @Test
    void recomputesStatisticsAndChecksReveals() throws Exception {
        append(0, 50);
        Run stats = run("stats", "--node", node(), "--period", "year", "--csv");
        assertThat(stats.status()).as(stats.err()).isZero();
        assertThat(stats.out()).startsWith("period,requesting,requested,kind,event,outcome,count\r\n2026,");
        long counted = stats.out()
                .lines()
                .skip(1)
                .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1)))
                .sum();
        assertThat(counted).isEqualTo(log.size());

        Files.write(dir.resolve("entry"), log.entry(3));
        Files.write(dir.resolve("record"), LogEvents.event(3).confidentialRecord());
        Run wrong = run(
                "check-reveal",
                "--entry",
                dir.resolve("entry").toString(),
                "--salt",
                Base64.getEncoder().encodeToString(new byte[32]),
                "--record",
                dir.resolve("record").toString());
        assertThat(wrong.status()).isEqualTo(1);
    }

    @Test
    void explainsUsage() {
        assertThat(run().status()).isEqualTo(2);
        assertThat(run("verify").err()).contains("--node is required");
        assertThat(run("verify", "--node", "ftp://x").status()).isEqualTo(2);
    }
}
