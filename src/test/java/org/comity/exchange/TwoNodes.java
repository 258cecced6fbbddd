package org.comity.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.comity.Comity;
import org.comity.testing.TestPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Whole nodes for exchange tests, each a Spring context of its own with its own database and data
 * directory, listening on a fixed loopback port chosen at random (so a node can stop and come back at
 * the same inbox address). Fictional States only.
 */
public final class TwoNodes {

    private TwoNodes() {}

    /** One node: where it keeps its data, its database, its port, and the messages it accepted. */
    public static final class Node implements AutoCloseable {
        final String state;
        final Path dataDir;
        final String database;
        final int port;
        final Map<String, String> settings;
        final List<MessageAccepted> accepted = new CopyOnWriteArrayList<>();
        ConfigurableApplicationContext context;

        public Node(String state, Map<String, String> settings) {
            this.state = state;
            this.settings = settings;
            try {
                this.dataDir = Files.createTempDirectory("comity-exchange-" + state.toLowerCase());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.database = TestPostgres.newDatabase();
            this.port = freePort();
        }

        public AuthorityId id() {
            return new AuthorityId(state.toLowerCase() + "-central-authority");
        }

        /** Where the node's HTTP API answers, on loopback. */
        public String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        String inbox() {
            return "http://127.0.0.1:" + port + "/api/exchange/inbox";
        }

        /** The node's command-line arguments, the same for a node in this JVM and for a child process. */
        List<String> arguments() {
            var args = new ArrayList<>(List.of(
                    "--comity.data-dir=" + dataDir,
                    "--server.port=" + port,
                    "--server.address=127.0.0.1",
                    "--spring.datasource.url=" + database,
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.hikari.maximum-pool-size=8",
                    "--comity.jurisdiction.seed-fictional-profiles=true",
                    "--spring.autoconfigure.exclude="
                            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
                            + ".OAuth2AuthorizationServerAutoConfiguration,"
                            + "org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet"
                            + ".OAuth2AuthorizationServerJwtAutoConfiguration",
                    "--comity.exchange.authority.state=" + state,
                    "--comity.exchange.authority.name=Central Authority of " + state,
                    "--comity.exchange.authority.inbox=" + inbox(),
                    "--comity.exchange.messages.delivery.initial-backoff=100ms",
                    "--comity.exchange.messages.delivery.max-backoff=400ms",
                    "--comity.exchange.messages.delivery.poll-interval=200ms",
                    "--comity.exchange.messages.delivery.connect-timeout=1s",
                    "--comity.exchange.messages.delivery.request-timeout=10s"));
            // A setting given replaces the default above (Spring would join two values of one name).
            args.removeIf(arg -> settings.keySet().stream().anyMatch(k -> arg.startsWith("--" + k + "=")));
            settings.forEach((k, v) -> args.add("--" + k + "=" + v));
            return args;
        }

        public Node start() {
            var args = arguments();
            context = new SpringApplicationBuilder(Comity.class)
                    .initializers(c -> c.addApplicationListener(event -> {
                        if (event instanceof PayloadApplicationEvent<?> p
                                && p.getPayload() instanceof MessageAccepted m) {
                            accepted.add(m);
                        }
                    }))
                    .run(args.toArray(String[]::new));
            return this;
        }

        public ConfigurableApplicationContext context() {
            return context;
        }

        public <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        String card() {
            return bean(LocalAuthority.class).card();
        }

        String fingerprint() {
            return bean(LocalAuthority.class).keys().stream()
                    .filter(k -> k.purpose() == KeyPurpose.SIGNING && k.current())
                    .findFirst()
                    .orElseThrow()
                    .fingerprint();
        }

        /** Trusts {@code peer} by pinning its card with the fingerprint read from it directly. */
        public void pin(Node peer) {
            bean(TrustDirectory.class).pin(peer.card(), peer.fingerprint(), "admin");
        }

        public void stop() {
            if (context != null) {
                context.close();
                context = null;
            }
        }

        @Override
        public void close() {
            stop();
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
