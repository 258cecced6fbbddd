package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.comity.Comity;
import org.comity.accounts.Accounts;
import org.comity.node.sandbox.SandboxDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The node as a newcomer runs it: no database configured, so it starts its own PostgreSQL in the data
 * directory, says so, creates one account per role once, and finds everything again after a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class SandboxNodeTest {

    @Test
    void firstStartCreatesTheSandboxAndASecondStartReusesIt(@TempDir Path dataDir, CapturedOutput output) {
        int accounts;
        try (var node = start(dataDir)) {
            assertThat(node.getBean(NodeIdentity.class).databaseMode()).isEqualTo(DatabaseMode.SANDBOX);
            assertThat(node.getBean(SandboxDatabase.class).directory()).isEqualTo(dataDir.resolve("postgres"));
            accounts = node.getBean(Accounts.class).list().size();
        }
        assertThat(accounts).isEqualTo(5);
        assertThat(output.getOut()).contains("SANDBOX MODE").contains("created now");
        assertThat(output.getOut()).containsOnlyOnce("Sandbox accounts, created now");

        try (var node = start(dataDir)) {
            assertThat(node.getBean(Accounts.class).list()).hasSize(accounts);
        }
        assertThat(output.getOut()).contains("(reused)").containsOnlyOnce("Sandbox accounts, created now");
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(Comity.class)
                .run("--comity.data-dir=" + dataDir, "--server.port=0", "--spring.datasource.url=");
    }
}
