package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.comity.node.sandbox.SandboxDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class SandboxDatabaseTest {

    @Test
    void dataSurvivesARestart(@TempDir Path dataDir) {
        var directory = dataDir.resolve("postgres");
        try (var first = SandboxDatabase.start(directory, 0)) {
            assertThat(first.createdNow()).isTrue();
            var jdbc = jdbc(first);
            jdbc.sql("CREATE TABLE note (text text)").update();
            jdbc.sql("INSERT INTO note VALUES ('kept')").update();
        }
        try (var second = SandboxDatabase.start(directory, 0)) {
            assertThat(second.createdNow()).isFalse();
            assertThat(jdbc(second)
                            .sql("SELECT text FROM note")
                            .query(String.class)
                            .list())
                    .containsExactly("kept");
        }
    }

    @Test
    void listensOnLoopbackOnly(@TempDir Path dataDir) {
        try (var database = SandboxDatabase.start(dataDir.resolve("postgres"), 0)) {
            assertThat(jdbc(database)
                            .sql("SHOW listen_addresses")
                            .query(String.class)
                            .single())
                    .isEqualTo("127.0.0.1");
        }
    }

    private static JdbcClient jdbc(SandboxDatabase database) {
        return JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), database.username(), ""));
    }
}
