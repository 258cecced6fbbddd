package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import org.comity.Comity;
import org.comity.node.sandbox.SandboxDatabase;
import org.comity.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With {@code comity.datasource.url} set, the node uses that server, runs its migrations there and
 * never starts an embedded PostgreSQL. CI points {@code COMITY_TEST_EXTERNAL_DB_URL} (and {@code _USER},
 * {@code _PASSWORD}) at Debian's PostgreSQL server; without it the test uses a separate PostgreSQL that
 * the node did not start.
 */
class ExternalDatabaseTest {

    @Test
    void migrationsRunOnTheConfiguredServer(@TempDir Path dataDir) {
        var url = System.getenv("COMITY_TEST_EXTERNAL_DB_URL");
        var properties = new ArrayList<String>();
        properties.add("--comity.data-dir=" + dataDir);
        properties.add("--server.port=0");
        if (url != null && !url.isBlank()) {
            properties.add("--comity.datasource.url=" + url);
            properties.add("--comity.datasource.username=" + System.getenv("COMITY_TEST_EXTERNAL_DB_USER"));
            properties.add("--comity.datasource.password=" + System.getenv("COMITY_TEST_EXTERNAL_DB_PASSWORD"));
        } else {
            properties.add("--comity.datasource.url=" + TestPostgres.newDatabase());
            properties.add("--comity.datasource.username=postgres");
        }
        try (var node = new SpringApplicationBuilder(Comity.class).run(properties.toArray(String[]::new))) {
            assertThat(node.getBeanNamesForType(SandboxDatabase.class)).isEmpty();
            assertThat(node.getBean(NodeIdentity.class).databaseMode()).isEqualTo(DatabaseMode.EXTERNAL);
            assertThat(dataDir.resolve("postgres")).doesNotExist();
            var jdbc = node.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                            .query(String.class)
                            .list())
                    .startsWith("1", "2");
            assertThat(jdbc.sql("SELECT username FROM account")
                            .query(String.class)
                            .list())
                    .as("only a first administrator on a real server, no sandbox accounts")
                    .containsExactly("admin");
            assertThat(jdbc.sql("SELECT count(*) FROM jurisdiction_profile WHERE fictional")
                            .query(Long.class)
                            .single())
                    .as("fictional States are not seeded on a real node")
                    .isZero();
            if (url != null && !url.isBlank()) {
                assertThat(jdbc.sql("SELECT current_setting('server_version')")
                                .query(String.class)
                                .single())
                        .as("the configured server, not an embedded one")
                        .isNotBlank();
            }
        }
    }
}
