package org.comity.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.comity.Comity;
import org.comity.testing.TestPostgres;
import org.comity.transparency.cli.LogCommand;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.note.CosignerKey;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.policy.TrustPolicy;
import org.comity.transparency.domain.witness.AddCheckpoint;
import org.comity.transparency.persistence.JdbcWitnessStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Three whole nodes (fictional States XA, XB, XC) on loopback HTTP, each the witness of the other two:
 * every checkpoint a node publishes carries both other nodes' cosignatures, {@code log verify} holds
 * it to the published policy, and a fork signed with a node's own log key is refused by its witnesses.
 */
class WitnessNetworkTest {

    record Node(String state, NoteSigner logKey, CosignerKey witnessKey, int port, Path data) {
        String url() {
            return "http://localhost:" + port;
        }
    }

    @TempDir
    static Path dir;

    static final List<Node> nodes = new ArrayList<>();
    static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    static final List<List<String>> arguments = new ArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startThreeNodes() throws Exception {
        for (String state : List.of("xa", "xb", "xc")) {
            var logKey = NoteSigner.generate(state + ".comity.invalid/log");
            var witnessKey = CosignerKey.generate(state + ".comity.invalid/witness");
            Path data = dir.resolve(state);
            Files.createDirectories(data.resolve("keys"));
            Files.writeString(data.resolve("keys/transparency-log.key"), logKey.encodedPrivateKey() + "\n");
            Files.writeString(data.resolve("keys/witness.key"), witnessKey.encodedPrivateKey() + "\n");
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            nodes.add(new Node(state, logKey, witnessKey, port, data));
        }
        for (Node node : nodes) {
            var args = new ArrayList<>(List.of(
                    "--comity.datasource.url=" + TestPostgres.newDatabase(),
                    "--comity.datasource.username=postgres",
                    "--comity.data-dir=" + node.data(),
                    "--server.port=" + node.port(),
                    "--logging.level.root=WARN",
                    "--comity.transparency.origin=" + node.logKey().name(),
                    "--comity.transparency.checkpoint-interval=0s",
                    "--comity.witness.publish-wait=20s",
                    "--comity.witness.timeout=5s"));
            int i = 0;
            for (Node other : nodes) {
                if (other != node) {
                    args.add("--comity.witness.follow[" + i + "]="
                            + other.logKey().verifier().encoded());
                    args.add("--comity.witness.submit-to[" + i + "].name=" + other.state());
                    args.add("--comity.witness.submit-to[" + i + "].vkey="
                            + other.witnessKey().verifier().encoded());
                    args.add("--comity.witness.submit-to[" + i + "].url=" + other.url() + "/api/witness");
                    i++;
                }
            }
            arguments.add(args);
            contexts.add(new SpringApplicationBuilder(Comity.class).run(args.toArray(String[]::new)));
        }
    }

    @AfterAll
    static void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }

    static String get(String url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    static HttpResponse<String> addCheckpoint(Node witness, AddCheckpoint request) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(witness.url() + "/api/witness/add-checkpoint"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void append(int node, int from, int to) {
        var log = contexts.get(node).getBean(TransparencyLog.class);
        List<CompletableFuture<Appended>> futures = new ArrayList<>();
        for (int i = from; i < to; i++) {
            futures.add(log.appendAsync(LogEvents.event(i)));
        }
        futures.forEach(CompletableFuture::join);
    }

    /** The node's published checkpoint once it has the policy's quorum (both other nodes). */
    static SignedNote cosigned(int node, long size) throws Exception {
        var policy = TrustPolicy.parse(get(nodes.get(node).url() + "/log/policy"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            var note = SignedNote.parse(get(nodes.get(node).url() + "/log/checkpoint"));
            long published = Checkpoint.parse(note.text()).size();
            if (published >= size
                    && policy.satisfiedBy(policy.cosignatures(note).keySet())) {
                return note;
            }
            assertThat(System.nanoTime())
                    .as("cosigned checkpoint of size " + size)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    record Run(int status, String out, String err) {}

    static Run verify(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var all = new ArrayList<>(List.of("verify"));
        all.addAll(List.of(args));
        int status = LogCommand.run(
                all,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void eachNodesCheckpointsAreCosignedByTheOtherTwo() throws Exception {
        for (int n = 0; n < 3; n++) {
            append(n, 0, 40 + n);
        }
        for (int n = 0; n < 3; n++) {
            var note = cosigned(n, 40 + n);
            var policy = TrustPolicy.parse(get(nodes.get(n).url() + "/log/policy"));
            assertThat(policy.logs().getFirst().key())
                    .isEqualTo(nodes.get(n).logKey().verifier());
            assertThat(policy.cosignatures(note)).hasSize(2);
        }
        // The witnesses recorded what they cosigned.
        var b = contexts.get(1).getBean(JdbcWitnessStore.class);
        assertThat(b.known(nodes.get(0).logKey().name()).orElseThrow().size()).isGreaterThanOrEqualTo(40);

        // More entries: each witness is sent a proof from the size it cosigned last.
        append(0, 40, 300);
        var later = cosigned(0, 300);
        assertThat(Checkpoint.parse(later.text()).size()).isEqualTo(300);
        var receipt = contexts.get(0).getBean(TransparencyLog.class).receipt(123);
        assertThat(receipt.checkpoint().signatures()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void logVerifyHoldsTheCheckpointToThePolicy() throws Exception {
        append(2, 1000, 1010);
        Node c = nodes.get(2);
        cosigned(2, 10);
        Path policy = dir.resolve("xc.policy");
        Files.writeString(policy, get(c.url() + "/log/policy"));
        var ok = verify("--node", c.url(), "--policy", policy.toString(), "--full");
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("(from the policy)").contains("quorum witnesses is met");

        var pinned =
                verify("--node", c.url(), "--vkey", c.logKey().verifier().encoded(), "--policy", policy.toString());
        assertThat(pinned.status()).as(pinned.err()).isZero();

        // The policy straight from the node's /log/policy, with the key pinned beside it.
        var byUrl = verify(
                "--node", c.url(), "--vkey", c.logKey().verifier().encoded(), "--policy", c.url() + "/log/policy");
        assertThat(byUrl.status()).as(byUrl.err()).isZero();
        assertThat(byUrl.out()).contains("policy: " + c.url() + "/log/policy").contains("quorum witnesses is met");
        var byUrlWrongKey = verify(
                "--node",
                c.url(),
                "--vkey",
                NoteSigner.generate(c.logKey().name()).verifier().encoded(),
                "--policy",
                c.url() + "/log/policy");
        assertThat(byUrlWrongKey.status()).isEqualTo(1);

        var wrongKey = verify(
                "--node",
                c.url(),
                "--vkey",
                NoteSigner.generate(c.logKey().name()).verifier().encoded());
        assertThat(wrongKey.status()).isEqualTo(1);
        assertThat(wrongKey.err()).contains("[bad-signature]");

        // A policy that also requires a witness that never saw this log: below quorum.
        var absent = CosignerKey.generate("xd.comity.invalid/witness");
        Path stricter = dir.resolve("stricter.policy");
        Files.writeString(
                stricter,
                get(c.url() + "/log/policy").replace("quorum witnesses\n", "")
                        + "witness xd " + absent.verifier().encoded() + "\ngroup all-three all witnesses xd\n"
                        + "quorum all-three\n");
        var below = verify("--node", c.url(), "--policy", stricter.toString());
        assertThat(below.status()).as(below.out()).isEqualTo(1);
        assertThat(below.err()).contains("[below-quorum]");
    }

    @Test
    void aRestartedNodeServesItsCheckpointWithTheCosignaturesItStored() throws Exception {
        append(2, 0, 40);
        var before = cosigned(2, 40);
        long size = Checkpoint.parse(before.text()).size();
        contexts.get(2).close();
        // Back with both witnesses unreachable: only what it stored can cosign its checkpoint.
        var args = new ArrayList<String>();
        for (String a : arguments.get(2)) {
            args.add(
                    a.matches("--comity\\.witness\\.submit-to\\[\\d]\\.url=.*")
                            ? a.replaceFirst("=.*", "=http://127.0.0.1:9/api/witness")
                            : a.startsWith("--comity.witness.publish-wait=") ? "--comity.witness.publish-wait=1s" : a);
        }
        var restarted = new SpringApplicationBuilder(Comity.class).run(args.toArray(String[]::new));
        try {
            Thread.sleep(1500); // past publish-wait: the first round after the start has published
            var policy = TrustPolicy.parse(get(nodes.get(2).url() + "/log/policy"));
            var after = SignedNote.parse(get(nodes.get(2).url() + "/log/checkpoint"));
            assertThat(Checkpoint.parse(after.text()).size()).isEqualTo(size);
            assertThat(policy.cosignatures(after).keySet()).containsExactlyInAnyOrder("xa", "xb");
            var stored = restarted
                    .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("SELECT witness, size FROM log_witness_size ORDER BY witness")
                    .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2))
                    .list();
            assertThat(stored).containsExactly("xa=" + size, "xb=" + size);
        } finally {
            restarted.close();
            contexts.set(
                    2,
                    new SpringApplicationBuilder(Comity.class)
                            .run(arguments.get(2).toArray(String[]::new)));
        }
    }

    @Test
    void witnessesRefuseToCosignAFork() throws Exception {
        append(1, 2000, 2020);
        Node b = nodes.get(1);
        var genuine = Checkpoint.parse(cosigned(1, 20).text());
        // The test seam: B's own log key signs a second tree of the same size.
        NoteSigner key = contexts.get(1).getBean(NoteSigner.class);
        var fork = new Checkpoint(key.name(), genuine.size(), Hash.of(new byte[32])).sign(key);
        for (int w : List.of(0, 2)) {
            var store = contexts.get(w).getBean(JdbcWitnessStore.class);
            var known = store.known(key.name()).orElseThrow();
            var sameSize = new Checkpoint(key.name(), known.size(), Hash.of(new byte[32])).sign(key);
            var refused = addCheckpoint(nodes.get(w), new AddCheckpoint(known.size(), List.of(), sameSize));
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).isEqualTo(known.size() + "\n");
            // Larger and claimed consistent with what the witness saw: the proof cannot hold.
            var bigger = new Checkpoint(key.name(), known.size() + 5, Hash.of(new byte[32])).sign(key);
            var proof = new ArrayList<Hash>();
            for (int i = 0; i < 4; i++) {
                proof.add(Hash.of(new byte[32]));
            }
            var inconsistent = addCheckpoint(nodes.get(w), new AddCheckpoint(known.size(), proof, bigger));
            assertThat(inconsistent.statusCode()).isEqualTo(422);
            assertThat(store.known(key.name()).orElseThrow()).isEqualTo(known);
        }
        assertThat(fork.text()).isNotEqualTo(get(b.url() + "/log/checkpoint"));
        // The genuine log goes on being cosigned.
        append(1, 2020, 2030);
        assertThat(Checkpoint.parse(cosigned(1, 30).text()).size()).isEqualTo(30);
    }
}
