package org.comity.node;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import org.comity.node.sandbox.SandboxDatabase;

/**
 * A sandbox database in a child JVM that inserts rows as fast as it can, one transaction each, and prints
 * {@code ACK <n>} once row n is committed, for {@link SandboxCrashTest} to kill at any moment. It first
 * prints {@code READY <postmaster pid>}. Argument: the PostgreSQL data directory.
 */
public final class SandboxWriterProcess {

    private SandboxWriterProcess() {}

    public static void main(String[] args) throws Exception {
        var directory = Path.of(args[0]);
        var out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        var database = SandboxDatabase.start(directory, 0);
        String pid = Files.readAllLines(directory.resolve("postmaster.pid")).getFirst();
        try (var connection =
                DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password())) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS acknowledged (n bigint PRIMARY KEY)");
            }
            out.println("READY " + pid);
            try (var insert = connection.prepareStatement("INSERT INTO acknowledged VALUES (?)")) {
                for (long n = 0; ; n++) {
                    insert.setLong(1, n);
                    insert.executeUpdate();
                    out.println("ACK " + n);
                }
            }
        }
    }
}
