package org.comity.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One embedded PostgreSQL per test JVM (the same binaries the sandbox node uses), and a fresh, empty
 * database for each test class that asks for one.
 */
public final class TestPostgres {

    private static final AtomicInteger databases = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private TestPostgres() {}

    /** A JDBC URL for a new empty database; user {@code postgres}, no password. */
    public static String newDatabase() {
        var name = "test_" + databases.incrementAndGet();
        JdbcClient.create(server().getPostgresDatabase())
                .sql("CREATE DATABASE " + name)
                .update();
        return server().getJdbcUrl("postgres", name);
    }

    static EmbeddedPostgres server() {
        if (server == null) {
            synchronized (TestPostgres.class) {
                if (server == null) {
                    try {
                        var builder = EmbeddedPostgres.builder()
                                .setDataDirectory(Files.createTempDirectory("comity-test-pg"))
                                .setCleanDataDirectory(true)
                                .setServerConfig("fsync", "off")
                                .setServerConfig("synchronous_commit", "off")
                                .setServerConfig("full_page_writes", "off");
                        if (Boolean.getBoolean("comity.bench.statements")) {
                            // A benchmark counting statements per operation (pg_stat_statements); never in tests.
                            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
                        }
                        server = builder.start();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return server;
    }
}
