package org.comity.node.sandbox;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An embedded PostgreSQL whose data directory survives restarts, for a node that has no database
 * server configured. It listens on the loopback interface only.
 */
public final class SandboxDatabase implements AutoCloseable {

    static final String DATABASE = "comity";
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final boolean created;

    private SandboxDatabase(EmbeddedPostgres postgres, Path directory, boolean created) {
        this.postgres = postgres;
        this.directory = directory;
        this.created = created;
    }

    /** Starts PostgreSQL on {@code directory}, initialising it only when it holds no cluster yet. */
    public static SandboxDatabase start(Path directory, int port) {
        try {
            Files.createDirectories(directory.getParent());
            boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                builder.setPort(port);
            }
            var postgres = builder.start();
            createDatabaseIfMissing(postgres.getPostgresDatabase());
            return new SandboxDatabase(postgres, directory, fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the sandbox PostgreSQL in " + directory, e);
        }
    }

    private static void createDatabaseIfMissing(DataSource admin) {
        var jdbc = JdbcClient.create(admin);
        boolean exists = jdbc.sql("SELECT count(*) FROM pg_database WHERE datname = ?")
                        .param(DATABASE)
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            // CREATE DATABASE cannot take a bind parameter; the name is a constant.
            jdbc.sql("CREATE DATABASE " + DATABASE).update();
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, DATABASE);
    }

    public String username() {
        return SUPERUSER;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path directory() {
        return directory;
    }

    /** True when this start initialised a new cluster (first start, or the directory was deleted). */
    public boolean createdNow() {
        return created;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
