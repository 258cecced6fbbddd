package org.comity.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.comity.Comity;
import org.comity.accounts.Accounts;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole node for a load tool: its own embedded PostgreSQL in a temporary directory (durable unless
 * asked otherwise: fsync and synchronous_commit, with full_page_writes always on), the node on a free
 * port, an HTTP/1.1
 * client and bearer tokens per role. One copy of what every tool needs before it measures anything.
 */
record LoadNode(EmbeddedPostgres postgres, ConfigurableApplicationContext node, String base, HttpClient http)
        implements AutoCloseable {

    static LoadNode start(String name, boolean durable, String... nodeArgs) throws Exception {
        var work = Files.createTempDirectory(name);
        var setting = durable ? "on" : "off";
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", setting)
                .setServerConfig("synchronous_commit", setting)
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_wal_size", "4GB");
        // -Dcomity.bench.pg=log_statement=all,log_min_messages=info: more settings, to look inside a run.
        for (String extra : System.getProperty("comity.bench.pg", "").split(",")) {
            int eq = extra.indexOf('=');
            if (eq > 0) {
                builder.setServerConfig(
                        extra.substring(0, eq).strip(), extra.substring(eq + 1).strip());
            }
        }
        if (Boolean.getBoolean("comity.bench.statements")) {
            // -Dcomity.bench.statements=true: pg_stat_statements, so a tool can count statements per operation.
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        var postgres = builder.start();
        var args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--comity.data-dir=" + work.resolve("data"),
                "--server.port=0",
                "--logging.level.root=WARN"));
        args.addAll(List.of(nodeArgs));
        ConfigurableApplicationContext node;
        try {
            node = new SpringApplicationBuilder(Comity.class).run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        var base = "http://localhost:"
                + ((WebServerApplicationContext) node).getWebServer().getPort();
        return new LoadNode(
                postgres,
                node,
                base,
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    /** A bearer token of a new account holding only this role. */
    String token(Role role) {
        var accounts = node.getBean(Accounts.class);
        var name = "load-" + role.name().toLowerCase(Locale.ROOT).replace('_', '-');
        accounts.register(new NewAccount(name, "Load tool", Set.of(role), "benchmark passphrase 1"), "load");
        return accounts.issueToken(name, "load", Duration.ofDays(1)).secret();
    }

    @Override
    public void close() throws Exception {
        try {
            node.close();
        } finally {
            postgres.close();
        }
    }
}
