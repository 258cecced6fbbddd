package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.comity.accounts.Role;
import org.comity.casework.RequestsOverExchange;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.evidence.cli.EvidenceCommand;
import org.comity.evidence.domain.KeySource;
import org.comity.evidence.domain.TransferKey;
import org.comity.evidence.persistence.JdbcTransfers;
import org.comity.exchange.TrustDirectory;
import org.comity.exchange.TwoNodes;
import org.comity.shared.Sha256;
import org.comity.testing.TestAccounts;
import org.comity.transparency.LogEntry;
import org.comity.transparency.TransparencyLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sealed package travels from the requested State's node (XB) to the requesting State's (XA): two
 * nodes with their own databases, real HTTP on loopback, pinned to each other. XB pushes by hand here
 * ({@code push-automatically=false}) so the test can stand in the middle: a chunk with one flipped
 * byte is refused and recorded, a genuine chunk is stored, and the push resumes from the offset XA
 * reports. Fictional States only.
 */
class EvidenceTransferTest {

    static TwoNodes.Node xa;
    static TwoNodes.Node xb;

    static final int CHUNK = 64 * 1024;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        var settings = Map.of(
                "comity.evidence.transfer.push-automatically", "false",
                "comity.evidence.transfer.chunk-bytes", Integer.toString(CHUNK),
                "comity.evidence.transfer.initial-backoff", "100ms",
                "comity.evidence.transfer.max-backoff", "400ms");
        var nodes = TwoNodes.casework(settings);
        xa = nodes.xa();
        xb = nodes.xb();
    }

    @AfterAll
    static void stop() {
        if (xa != null) {
            xa.close();
        }
        if (xb != null) {
            xb.close();
        }
    }

    @Test
    void aSealedPackageArrivesVerifiedAChangedChunkIsRefusedAndBothChainsVerifyOffline() throws Exception {
        var requestAtXa = RequestsOverExchange.send(xa);
        var conversation = xa.bean(JdbcExchangeLinks.class)
                .byRequest(requestAtXa)
                .orElseThrow()
                .conversationId();
        var requestAtXb = await(
                        () -> xb.bean(JdbcExchangeLinks.class).byConversation(conversation, "INCOMING"),
                        Optional::isPresent)
                .orElseThrow()
                .requestId();

        // XB's caseworker gathers two items and seals the package.
        var caseworker = TestAccounts.username(Role.CASEWORKER);
        var evidenceXb = xb.bean(Evidence.class);
        var opened = evidenceXb.create(requestAtXb, null, caseworker);
        var log = bytes(3 * CHUNK + 123, 1);
        var image = bytes(CHUNK / 2, 2);
        var logItem = add(evidenceXb, opened.id(), "access.log", log);
        add(evidenceXb, opened.id(), "image.bin", image);
        var sealed = evidenceXb.seal(opened.id(), caseworker);

        var transfer = xb.bean(Transfers.class).transmit(opened.id(), caseworker);
        assertThat(transfer.state()).isEqualTo("announced");
        assertThat(transfer.manifestDigest()).isEqualTo(sealed.manifestDigest());
        assertThat(xb.bean(Transfers.class).transmit(opened.id(), caseworker).transferId())
                .as("once per package and recipient")
                .isEqualTo(transfer.transferId());

        // XA's node makes the package for its own request from the announcement.
        var arrived = await(() -> xa.bean(JdbcTransfers.class).incoming(transfer.transferId()), Optional::isPresent)
                .orElseThrow();
        assertThat(arrived.manifestDigest()).isEqualTo(sealed.manifestDigest());
        var evidenceXa = xa.bean(Evidence.class);
        assertThat(evidenceXa.get(arrived.packageId()).requestId()).isEqualTo(requestAtXa);

        // In the middle: the first chunk of the log with one byte flipped is refused and recorded.
        var outgoing =
                xb.bean(JdbcTransfers.class).outgoing(transfer.transferId()).orElseThrow();
        var key = TransferKey.unwrap(transfer.transferId(), outgoing.wrappedKey(), xb.bean(KeySource.class));
        var chunk = key.seal(transfer.transferId(), logItem, 0, log, CHUNK);
        var flipped = chunk.clone();
        flipped[flipped.length / 2] ^= 0x01;
        var uri = xb.bean(TrustDirectory.class)
                .authority(xa.id())
                .orElseThrow()
                .inbox()
                .resolve("/api/evidence/transfers/" + transfer.transferId() + "/items/" + logItem);
        var refused = patch(uri, 0, flipped);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("undecryptable");
        assertThat(head(uri).headers().firstValue("Upload-Offset")).contains("0");
        // The same chunk moved to another offset does not decrypt either: its place is authenticated.
        assertThat(patch(uri, CHUNK, chunk).statusCode()).isEqualTo(422);

        // The genuine chunk is stored; the push resumes after it.
        var accepted = patch(uri, 0, chunk);
        assertThat(accepted.statusCode()).isEqualTo(204);
        assertThat(accepted.headers().firstValue("Upload-Offset")).contains(Integer.toString(CHUNK));
        xb.bean(Transfers.class).push(transfer.transferId());

        // XA verified every item and the manifest, sealed its copy and sent the evidence receipt.
        var done = await(
                () -> xb.bean(Transfers.class).transfer(transfer.transferId()),
                t -> t.state().equals("verified"));
        assertThat(done.manifestDigest()).isEqualTo(sealed.manifestDigest());
        var atXa = evidenceXa.get(arrived.packageId());
        assertThat(atXa.state()).isEqualTo("sealed");
        assertThat(atXa.items())
                .extracting(ItemView::fileName, ItemView::sha256)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("access.log", Sha256.hex(log)),
                        org.assertj.core.groups.Tuple.tuple("image.bin", Sha256.hex(image)));
        var logAtXa = atXa.items().stream()
                .filter(i -> i.fileName().equals("access.log"))
                .findFirst()
                .orElseThrow();
        try (var in = evidenceXa.download(logAtXa.id(), "auditor").content().open()) {
            assertThat(in.readAllBytes()).isEqualTo(log);
        }

        // Both public logs record the package's manifest digest, nothing of its content.
        assertThat(await(() -> logged(xb, "evidence-transmitted"), l -> !l.isEmpty()))
                .containsExactly(sealed.manifestDigest());
        assertThat(await(() -> logged(xa, "evidence-received"), l -> !l.isEmpty()))
                .containsExactly(sealed.manifestDigest());

        var chainXa = verifiedOffline(xa, arrived.packageId(), evidenceXa.signingKeyId());
        assertThat(chainXa)
                .containsSubsequence("created", "received", "item-announced", "item-announced")
                .containsSubsequence(
                        "transfer-refused", "transfer-refused", "item-added", "item-added", "verified", "sealed")
                .containsOnlyOnce("verified");
        assertThat(chainXa.stream().filter("transfer-refused"::equals)).hasSize(2);
        var chainXb = verifiedOffline(xb, opened.id(), evidenceXb.signingKeyId());
        assertThat(chainXb)
                .containsExactly(
                        "created",
                        "item-announced",
                        "item-added",
                        "item-announced",
                        "item-added",
                        "sealed",
                        "transmitted",
                        "verified",
                        "exported");
        // The received package's provenance, with its transfer, in CASE/UCO.
        var caseUco = new CaseUcoValidation().validate(evidenceXa.exportCaseUco(arrived.packageId(), "auditor"));
        assertThat(caseUco.get("@graph").toString()).contains(Sha256.hex(log), "\"received\"", "\"verified\"");
        // The receiver's chain names the sender's manifest digest where it verified it.
        assertThat(xa.bean(JdbcClient.class)
                        .sql("SELECT detail FROM evidence_custody WHERE package_id = ? AND act = 'verified'")
                        .param(arrived.packageId())
                        .query(String.class)
                        .single())
                .contains("manifest=" + sealed.manifestDigest());
    }

    /** The manifest digest, as the public log holds it, of the node's entries of one evidence event type. */
    private static List<String> logged(TwoNodes.Node node, String event) {
        var log = node.bean(TransparencyLog.class);
        var found = new java.util.ArrayList<String>();
        for (long i = 0; i < log.size(); i++) {
            var entry = LogEntry.parse(log.entry(i));
            if (entry.metadata().event().code().equals(event)) {
                assertThat(new String(log.entry(i), java.nio.charset.StandardCharsets.UTF_8))
                        .as("codes and the digest only")
                        .doesNotContain(
                                "access.log", "XB-ORDER-1", "Provider One", TestAccounts.username(Role.CASEWORKER));
                found.add(entry.metadata().evidence());
            }
        }
        return found;
    }

    /** Exports the chain with the command line and verifies it with no database; the acts it holds. */
    private List<String> verifiedOffline(TwoNodes.Node node, UUID packageId, String keyId) throws Exception {
        var file = dir.resolve(UUID.randomUUID() + ".json");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        assertThat(EvidenceCommand.run(
                        List.of("export-custody", packageId.toString(), file.toString()),
                        new PrintStream(out),
                        new PrintStream(err),
                        node.context()))
                .as(err.toString())
                .isZero();
        assertThat(EvidenceCommand.run(
                        List.of("verify-custody", file.toString(), keyId),
                        new PrintStream(out),
                        new PrintStream(err),
                        null))
                .as(err.toString())
                .isZero();
        return tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(Files.readString(file))
                .get("records")
                .valueStream()
                .map(r -> r.get("act").asString())
                .toList();
    }

    private static UUID add(Evidence evidence, UUID packageId, String name, byte[] content) {
        var item = evidence.announce(
                packageId,
                new ItemAnnouncement(
                        name,
                        "application/octet-stream",
                        "XB-ORDER-1",
                        "provider",
                        "Provider One",
                        Instant.now().minusSeconds(3600),
                        content.length),
                TestAccounts.username(Role.CASEWORKER));
        evidence.append(
                item.id(), 0, new java.io.ByteArrayInputStream(content), TestAccounts.username(Role.CASEWORKER));
        return item.id();
    }

    private static byte[] bytes(int n, long seed) {
        var b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> patch(URI uri, long offset, byte[] body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Upload-Offset", Long.toString(offset))
                        .header("Content-Type", "application/offset+octet-stream")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<Void> head(URI uri) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    static <T> T await(Supplier<T> value, Predicate<T> done) {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within 60 s: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            last = value.get();
        }
        return last;
    }
}
