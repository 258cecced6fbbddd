package org.comity.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.comity.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class CommandLineTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return CommandLine.run(
                org.comity.Comity.class,
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void onlyCommandWordsAreCommands() {
        assertThat(CommandLine.handles(new String[] {"accounts", "reset-password", "x"}))
                .isTrue();
        assertThat(CommandLine.handles(new String[] {"--server.port=9090"})).isFalse();
        assertThat(CommandLine.handles(new String[0])).isFalse();
    }

    @Test
    void resetsAPasswordOnTheNodesDatabase(@TempDir Path dataDir) {
        var url = TestPostgres.newDatabase();
        var database = new String[] {
            "--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--comity.data-dir=" + dataDir
        };
        var hashBefore = hashOfAdmin(url);

        int code = run(concat(new String[] {"accounts", "reset-password", "admin"}, database));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .containsPattern("New password for admin \\(shown once\\): \\S{20}");
        assertThat(hashOfAdmin(url)).isNotEqualTo(hashBefore);
        assertThat(run(concat(new String[] {"accounts", "reset-password", "nobody"}, database)))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no account named nobody");
    }

    @Test
    void wrongUsageSaysHowToUseIt() {
        assertThat(run("accounts", "frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: comity accounts reset-password");
    }

    /** The first start creates the admin, so before the command there is none: null then. */
    private static String hashOfAdmin(String url) {
        var jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
        try {
            return jdbc.sql("SELECT password_hash FROM account WHERE username = 'admin'")
                    .query(String.class)
                    .optional()
                    .orElse(null);
        } catch (org.springframework.jdbc.BadSqlGrammarException noTablesYet) {
            return null;
        }
    }

    private static String[] concat(String[] a, String[] b) {
        var all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
