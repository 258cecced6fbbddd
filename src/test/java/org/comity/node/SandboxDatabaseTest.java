package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.comity.node.sandbox.SandboxDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class SandboxDatabaseTest {

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) {
        var directory = dataDir.resolve("postgres");
        String password;
        try (var first = SandboxDatabase.start(directory, 0)) {
            assertThat(first.createdNow()).isTrue();
            password = first.password();
            var jdbc = jdbc(first);
            jdbc.sql("CREATE TABLE note (text text)").update();
            jdbc.sql("INSERT INTO note VALUES ('kept')").update();
        }
        try (var second = SandboxDatabase.start(directory, 0)) {
            assertThat(second.createdNow()).isFalse();
            assertThat(second.password()).isEqualTo(password);
            assertThat(jdbc(second)
                            .sql("SELECT text FROM note")
                            .query(String.class)
                            .list())
                    .containsExactly("kept");
        }
    }

    @Test
    void listensOnLoopbackOnlyAndHasNoUnixSocket(@TempDir Path dataDir) {
        try (var database = SandboxDatabase.start(dataDir.resolve("postgres"), 0)) {
            var jdbc = jdbc(database);
            assertThat(show(jdbc, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(jdbc, "unix_socket_directories")).isEmpty();
        }
    }

    /** Issue 15 item 6: the sandbox ran with fsync and synchronous_commit off and lost acknowledged writes. */
    @Test
    void isDurable(@TempDir Path dataDir) {
        try (var database = SandboxDatabase.start(dataDir.resolve("postgres"), 0)) {
            var jdbc = jdbc(database);
            assertThat(show(jdbc, "fsync")).isEqualTo("on");
            assertThat(show(jdbc, "synchronous_commit")).isEqualTo("on");
            assertThat(show(jdbc, "full_page_writes")).isEqualTo("on");
            // On the command line, so not even ALTER SYSTEM can turn it off at the next start.
            assertThat(jdbc.sql("SELECT source FROM pg_settings WHERE name = 'fsync'")
                            .query(String.class)
                            .single())
                    .isEqualTo("command line");
        }
    }

    /** Issue 15 item 8: trust authentication let every local user in. */
    @Test
    void everyConnectionNeedsThePasswordKeptOwnerOnly(@TempDir Path dataDir) throws Exception {
        var directory = dataDir.resolve("postgres");
        try (var database = SandboxDatabase.start(directory, 0)) {
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), database.username(), ""))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), database.username(), "guess"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(database.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThat(Files.readString(database.passwordFile()).strip()).isEqualTo(database.password());
            assertThat(permissions(database.passwordFile())).isEqualTo("rw-------");
            assertThat(permissions(directory)).isEqualTo("rwx------");
            assertPrivateAuthentication(directory);
            assertThat(show(jdbc(database), "password_encryption")).isEqualTo("scram-sha-256");
        }
        try (var stream = Files.list(dataDir)) {
            assertThat(stream.map(p -> p.getFileName().toString()))
                    .as("no password left beside the cluster")
                    .noneMatch(name -> name.contains("password"));
        }
    }

    /** A data directory from an earlier version: trust authentication, no password file. */
    @Test
    void anOldStyleDataDirectoryIsUpgradedInPlace(@TempDir Path dataDir) throws Exception {
        var directory = dataDir.resolve("postgres");
        try (var old = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start()) {
            var jdbc = JdbcClient.create(old.getPostgresDatabase());
            jdbc.sql("CREATE DATABASE comity").update();
            var comity = JdbcClient.create(old.getDatabase("postgres", "comity"));
            comity.sql("CREATE TABLE note (text text)").update();
            comity.sql("INSERT INTO note VALUES ('kept')").update();
        }
        assertThat(Files.readAllLines(directory.resolve("pg_hba.conf")))
                .as("the old layout really trusted everyone")
                .anyMatch(line -> !line.startsWith("#") && line.contains("trust"));

        try (var database = SandboxDatabase.start(directory, 0)) {
            assertThat(database.createdNow()).isFalse();
            assertThat(permissions(database.passwordFile())).isEqualTo("rw-------");
            assertPrivateAuthentication(directory);
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), database.username(), ""))
                    .isInstanceOf(SQLException.class);
            assertThat(jdbc(database)
                            .sql("SELECT text FROM note")
                            .query(String.class)
                            .list())
                    .containsExactly("kept");
        }
        // The next start keeps the password it set.
        String password =
                Files.readString(directory.resolve("comity-sandbox.password")).strip();
        try (var database = SandboxDatabase.start(directory, 0)) {
            assertThat(database.password()).isEqualTo(password);
            assertThat(jdbc(database)
                            .sql("SELECT count(*) FROM note")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }

    @Test
    void aStalePidFileDoesNotBlockTheStart(@TempDir Path dataDir) throws Exception {
        var directory = dataDir.resolve("postgres");
        try (var database = SandboxDatabase.start(directory, 0)) {
            assertThat(database.createdNow()).isTrue();
        }
        // What a machine crash leaves: a pid file naming a process that is not this cluster's server
        // (this very JVM, so the number certainly belongs to someone else now).
        Files.writeString(
                directory.resolve("postmaster.pid"),
                ProcessHandle.current().pid() + "\n" + directory + "\n1700000000\n5432\n\n127.0.0.1\n");
        try (var database = SandboxDatabase.start(directory, 0)) {
            assertThat(show(jdbc(database), "fsync")).isEqualTo("on");
        }
        // The pid file named this very JVM: had the start taken it for an orphan postmaster and
        // signalled it, the test would not have got here.
    }

    /** The orphan clean-up must never stop the server of a node that is still running. */
    @Test
    void aSecondStartOnARunningClusterIsRefusedAndLeavesItRunning(@TempDir Path dataDir) {
        var directory = dataDir.resolve("postgres");
        try (var running = SandboxDatabase.start(directory, 0)) {
            assertThatThrownBy(() -> SandboxDatabase.start(directory, 0))
                    .hasStackTraceContaining("another running node");
            assertThat(show(jdbc(running), "fsync")).isEqualTo("on");
        }
    }

    private static void assertPrivateAuthentication(Path directory) throws Exception {
        List<String> rules = Files.readAllLines(directory.resolve("pg_hba.conf")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertThat(rules).isNotEmpty().allMatch(rule -> rule.endsWith("scram-sha-256"));
        assertThat(rules).noneMatch(rule -> rule.contains("trust") || rule.startsWith("local"));
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static String show(JdbcClient jdbc, String setting) {
        return jdbc.sql("SHOW " + setting).query(String.class).single();
    }

    private static JdbcClient jdbc(SandboxDatabase database) {
        return JdbcClient.create(
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password()));
    }
}
