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

    /**
     * XA's and XB's casework nodes, as the two-node casework tests (CaseExchangeTest,
     * EvidenceTransferTest) run them: fictional States on, the deadline watch off, one account per role,
     * the fictional UNCC in force on both, pinned to each other.
     *
     * @param settings added to (and overriding) the two above
     * @param beforePinning runs on each node before the pins are taken, for what the cards must carry
     *     (a supervisor's key)
     */
    public static Pair casework(Map<String, String> settings, java.util.function.Consumer<Node> beforePinning) {
        var all = new java.util.HashMap<String, String>(
                Map.of("comity.treaty.fictional-states", "true", "comity.casework.watch-enabled", "false"));
        all.putAll(settings);
        var xa = new Node("XA", Map.copyOf(all)).start();
        Node xb = null;
        try {
            xb = new Node("XB", Map.copyOf(all)).start();
            for (var node : new Node[] {xa, xb}) {
                org.comity.testing.TestAccounts.createOnePerRole(node.bean(org.comity.accounts.Accounts.class));
                org.comity.testing.FictionalUncc.inForce(node.bean(org.comity.treaty.Treaties.class));
                beforePinning.accept(node);
            }
            xa.pin(xb);
            xb.pin(xa);
            return new Pair(xa, xb);
        } catch (RuntimeException e) {
            xa.close();
            if (xb != null) {
                xb.close();
            }
            throw e;
        }
    }

    public static Pair casework(Map<String, String> settings) {
        return casework(settings, node -> {});
    }

    /** Two running nodes; closing stops both. */
    public record Pair(Node xa, Node xb) implements AutoCloseable {
        @Override
        public void close() {
            xa.close();
            xb.close();
        }
    }

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

        /**
         * A message from this node to {@code to} signed by this node's authority key alone, whatever the
         * envelope says: how a forged emergency (a hijacked mailbox, a stolen authority key) would look.
         */
        public String sealedWithOneSignature(Envelope envelope, Node to) throws com.nimbusds.jose.JOSEException {
            var signing = bean(LocalAuthority.class).signingKey();
            var jws = new com.nimbusds.jose.JWSObjectJSON(
                    new com.nimbusds.jose.Payload(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(
                            org.comity.exchange.domain.Messages.toJson(envelope))));
            jws.sign(
                    new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
                            .type(new com.nimbusds.jose.JOSEObjectType(org.comity.exchange.domain.Messages.JWS_TYPE))
                            .keyID(signing.getKeyID())
                            .customParam(
                                    org.comity.exchange.domain.Messages.SENDER,
                                    envelope.sender().value())
                            .customParam(
                                    org.comity.exchange.domain.Messages.SIGNER,
                                    org.comity.exchange.domain.Messages.AUTHORITY_SIGNER)
                            .customParam(
                                    org.comity.exchange.domain.Messages.CREATED,
                                    envelope.created().getEpochSecond())
                            .build(),
                    new com.nimbusds.jose.crypto.ECDSASigner(signing));
            var encryption = bean(TrustDirectory.class).recipientFor(to.id()).encryptionKey();
            var jwe = new com.nimbusds.jose.JWEObject(
                    new com.nimbusds.jose.JWEHeader.Builder(
                                    com.nimbusds.jose.JWEAlgorithm.ECDH_ES, com.nimbusds.jose.EncryptionMethod.A256GCM)
                            .type(new com.nimbusds.jose.JOSEObjectType(org.comity.exchange.domain.Messages.JWE_TYPE))
                            .contentType(org.comity.exchange.domain.Messages.JWS_TYPE)
                            .keyID(encryption.getKeyID())
                            .build(),
                    new com.nimbusds.jose.Payload(jws.serializeGeneral()));
            jwe.encrypt(new com.nimbusds.jose.crypto.ECDHEncrypter(encryption.toPublicJWK()));
            return jwe.serialize();
        }

        /** Posts {@code body} to this node's inbox as a peer would; the HTTP status and body. */
        public java.net.http.HttpResponse<String> post(String body) throws IOException, InterruptedException {
            try (var client = java.net.http.HttpClient.newHttpClient()) {
                return client.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(inbox()))
                                .header("Content-Type", "application/jose")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            }
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
