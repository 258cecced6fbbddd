package org.comity.node.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class SandboxEarlyStartTest {

    @Test
    void theBeanTakesTheServerStartedForItsSettings(@TempDir Path dataDir) {
        var early = new SandboxEarlyStart();
        early.onApplicationEvent(environmentPrepared(Map.of("comity.data-dir", dataDir.toString())));
        try (var database = early.take(dataDir.toAbsolutePath().normalize().resolve("postgres"), 0)) {
            assertThat(database).isNotNull();
            assertThat(database.createdNow()).isTrue();
        }
    }

    @Test
    void otherSettingsGetNoEarlyServerAndItIsStopped(@TempDir Path dataDir) {
        var early = new SandboxEarlyStart();
        early.onApplicationEvent(environmentPrepared(Map.of("comity.data-dir", dataDir.toString())));
        var directory = dataDir.toAbsolutePath().normalize().resolve("postgres");
        assertThat(early.take(directory, 5433)).isNull();
        // Stopped and unlocked: a start of its own on the same cluster succeeds.
        try (var own = SandboxDatabase.start(directory, 0)) {
            assertThat(own.createdNow()).isFalse();
        }
    }

    @Test
    void aFailedStartBeforeTheBeanStopsTheServer(@TempDir Path dataDir) {
        var early = new SandboxEarlyStart();
        early.onApplicationEvent(environmentPrepared(Map.of("comity.data-dir", dataDir.toString())));
        early.onApplicationEvent(
                new ApplicationFailedEvent(new SpringApplication(), new String[0], null, new IllegalStateException()));
        var directory = dataDir.toAbsolutePath().normalize().resolve("postgres");
        assertThat(early.take(directory, 0)).isNull();
        try (var own = SandboxDatabase.start(directory, 0)) {
            assertThat(own.createdNow()).isFalse();
        }
    }

    @Test
    void aConfiguredServerStartsNothing(@TempDir Path dataDir) {
        var early = new SandboxEarlyStart();
        early.onApplicationEvent(environmentPrepared(
                Map.of("comity.data-dir", dataDir.toString(), "spring.datasource.url", "jdbc:postgresql://db/comity")));
        assertThat(early.take(dataDir.toAbsolutePath().normalize().resolve("postgres"), 0))
                .isNull();
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    private static ApplicationEnvironmentPreparedEvent environmentPrepared(Map<String, Object> properties) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return new ApplicationEnvironmentPreparedEvent(
                new DefaultBootstrapContext(), new SpringApplication(), new String[0], environment);
    }
}
