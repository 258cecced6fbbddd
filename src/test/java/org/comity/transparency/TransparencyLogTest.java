package org.comity.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.node.DataDirectory;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InclusionProof;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.receipt.Receipt;
import org.comity.transparency.domain.tiles.HashTileId;
import org.comity.transparency.domain.tiles.Tiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The log inside a node: appends, the tlog-tiles endpoints, proofs, receipts, statistics, reveals. */
@NodeTest
@TestPropertySource(properties = "comity.transparency.checkpoint-interval=0s")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransparencyLogTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
        }
    }

    @Autowired
    TransparencyLog log;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataDirectory dataDirectory;

    final JsonMapper json = JsonMapper.builder().build();

    static final int COUNT = 700; // two full tiles and a partial one at level 0

    @BeforeEach
    void fill() {
        TestAccounts.createOnePerRole(accounts);
        if (log.size() == 0) {
            List<CompletableFuture<Appended>> futures = new ArrayList<>();
            for (int i = 0; i < COUNT; i++) {
                futures.add(log.appendAsync(LogEvents.event(i)));
            }
            futures.forEach(CompletableFuture::join);
            assertThat(log.awaitCheckpoint(COUNT, Duration.ofSeconds(10))).isTrue();
        }
    }

    TrustedLog trusted() throws Exception {
        String key = json.readTree(mvc.perform(get("/api/log"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray())
                .path("verifierKey")
                .asString();
        return TrustedLog.of(NoteVerifier.parse(key));
    }

    @Test
    @Order(1)
    void appendsAreIdempotentOnTheEventId() {
        var event = LogEvents.event(UUID.randomUUID(), 3);
        Appended first = log.append(event);
        Appended again = log.append(event);
        assertThat(first.alreadyLogged()).isFalse();
        assertThat(again.alreadyLogged()).isTrue();
        assertThat(again.index()).isEqualTo(first.index()).isEqualTo(COUNT);
        assertThat(again.leafHash()).isEqualTo(first.leafHash());
        assertThat(log.append(LogEvents.event(0)).index()).isZero();
        assertThat(log.awaitCheckpoint(COUNT + 1, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void entriesAreCanonicalJsonWithoutConfidentialData() {
        byte[] entry = log.entry(5);
        String text = new String(entry, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"commitment\":{\"disclose\":").endsWith(",\"v\":1}");
        assertThat(text).doesNotContain("CA-5").doesNotContain("confidential").doesNotContain(" ");
        assertThat(LogEntry.parse(entry).bytes()).isEqualTo(entry);
        assertThatThrownBy(() -> LogEntry.parse(text.replace("{\"commitment\"", "{ \"commitment\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checkpointIsSignedByTheLogKeyAndTheTilesReproduceItsRoot() throws Exception {
        byte[] note = mvc.perform(get("/log/checkpoint"))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-cache"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        Checkpoint checkpoint = trusted().verify(SignedNote.parse(note));
        assertThat(checkpoint.size()).isGreaterThanOrEqualTo(COUNT);
        assertThat(checkpoint.origin()).isEqualTo("sandbox.comity.invalid/log");

        List<Hash> leaves = new ArrayList<>();
        for (long b = 0; b * 256 < checkpoint.size(); b++) {
            var bundle = Tiles.entryBundleFor(b * 256, checkpoint.size());
            var tile = new HashTileId(0, b, bundle.width());
            var entries = Tiles.decodeEntries(bundle, fetch("/log/" + bundle.path(), bundle.isFull()));
            var hashes = Tiles.decodeHashes(tile, fetch("/log/" + tile.path(), tile.isFull()));
            assertThat(entries.stream().map(MerkleTree::leafHash).toList()).isEqualTo(hashes);
            leaves.addAll(hashes);
        }
        assertThat(MerkleTree.root(leaves)).isEqualTo(checkpoint.root());
    }

    byte[] fetch(String path, boolean immutable) throws Exception {
        var result = mvc.perform(get(path)).andExpect(status().isOk());
        if (immutable) {
            result.andExpect(header().string("Cache-Control", "max-age=31536000, public, immutable"));
        }
        return result.andReturn().getResponse().getContentAsByteArray();
    }

    @Test
    void tilesBeyondTheCheckpointOrMalformedPathsAreNotFound() throws Exception {
        mvc.perform(get("/log/tile/0/005")).andExpect(status().isNotFound());
        mvc.perform(get("/log/tile/0/002")).andExpect(status().isNotFound()); // still partial
        mvc.perform(get("/log/tile/0/x000/001")).andExpect(status().isNotFound()); // non-canonical
        mvc.perform(get("/log/tile/entries/002.p/255")).andExpect(status().isNotFound());
        mvc.perform(get("/log/tile/0/002.p/10")).andExpect(status().isOk());
        mvc.perform(post("/log/tile/0/000")).andExpect(status().isUnauthorized());
    }

    @Test
    void inclusionAndConsistencyProofsVerify() throws Exception {
        TrustedLog trusted = trusted();
        Checkpoint checkpoint = trusted.verify(log.checkpoint());
        JsonNode proof = read("/api/log/entries/300/proof");
        byte[] entry = Base64.getDecoder()
                .decode(read("/api/log/entries/300").path("entryBase64").asString());
        assertThat(read("/api/log/entries/300").path("entry").path("v").asInt()).isEqualTo(1);
        new InclusionProof(300, proof.path("treeSize").asLong(), hashes(proof))
                .verify(MerkleTree.leafHash(entry), checkpoint.root());

        JsonNode consistency = read("/api/log/consistency?from=100&to=" + checkpoint.size());
        List<Hash> first100 = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first100.add(MerkleTree.leafHash(log.entry(i)));
        }
        Hash oldRoot = MerkleTree.root(first100);
        new ConsistencyProof(100, checkpoint.size(), hashes(consistency)).verify(oldRoot, checkpoint.root());

        mvc.perform(get("/api/log/entries/99999/proof")).andExpect(status().isNotFound());
        mvc.perform(get("/api/log/consistency?from=0")).andExpect(status().isUnprocessableContent());
    }

    List<Hash> hashes(JsonNode node) {
        List<Hash> out = new ArrayList<>();
        node.path("hashes").forEach(h -> out.add(Hash.fromBase64(h.asString())));
        return out;
    }

    JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray());
    }

    @Test
    void receiptsVerifyOffline() throws Exception {
        String text = mvc.perform(get("/api/log/entries/42/receipt"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"entry-42.tlog-proof\""))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Receipt receipt = Receipt.parse(text);
        assertThat(receipt.verifyEntry(trusted(), log.entry(42)).size()).isGreaterThanOrEqualTo(COUNT);
    }

    @Test
    void statisticsAreRecomputedFromTheEntries() throws Exception {
        JsonNode stats = read("/api/log/statistics?period=year");
        long total = 0;
        for (JsonNode row : stats.path("rows")) {
            total += row.path("count").asLong();
            assertThat(row.path("period").asString()).isEqualTo("2026");
        }
        assertThat(total).isEqualTo(stats.path("treeSize").asLong()).isGreaterThanOrEqualTo(COUNT);
        mvc.perform(get("/api/log/statistics.csv?period=month"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.startsWith(
                                "period,requesting,requested,kind,event,outcome,count\r\n2026-01,")));
        mvc.perform(get("/api/log/statistics?period=decade")).andExpect(status().isUnprocessableContent());
    }

    @Test
    @Order(10)
    void revealsArePublishedByAnAdminAfterTheDisclosureDateAndCheckAgainstTheCommitment() throws Exception {
        mvc.perform(get("/api/log/entries/7/reveal")).andExpect(status().isNotFound());
        mvc.perform(post("/api/log/entries/7/reveal")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/log/entries/7/reveal")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD)))
                .andExpect(status().isForbidden());
        var admin = httpBasic(TestAccounts.username(Role.ADMIN), TestAccounts.PASSWORD);
        mvc.perform(post("/api/log/entries/7/reveal").with(admin))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("before-disclosure-date"));

        clock.advance(Duration.ofDays(366 * 6));
        mvc.perform(post("/api/log/entries/7/reveal").with(admin)).andExpect(status().isOk());
        JsonNode reveal = read("/api/log/entries/7/reveal");
        byte[] record = Base64.getDecoder().decode(reveal.path("record").asString());
        assertThat(new String(record, java.nio.charset.StandardCharsets.UTF_8)).contains("CA-7");
        LogEntry entry = LogEntry.parse(log.entry(7));
        entry.commitment().verify(Base64.getDecoder().decode(reveal.path("salt").asString()), record);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> entry.commitment().verify(new byte[32], record))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePublicPageShowsTheVerifierKey() throws Exception {
        mvc.perform(get("/log").accept(org.springframework.http.MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(log.verifierKey())));
    }

    @Test
    void theKeyIsAnOwnerOnlyFileOutsideTheDatabase() throws Exception {
        Path key = dataDirectory.resolve("keys").resolve("transparency-log.key");
        assertThat(Files.readString(key)).startsWith("PRIVATE+KEY+sandbox.comity.invalid/log+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
    }

    @Test
    void storedLeavesAndTilesCannotBeRewritten() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE log_entry SET entry = '\\x00' WHERE idx = 0")
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql(
                                "UPDATE log_tile SET hashes = substring(hashes from 33) WHERE level = 0 AND idx = 0")
                        .update())
                .rootCause()
                .hasMessageContaining("only grow");
        assertThatThrownBy(() -> jdbc.sql("UPDATE log_head SET size = 1").update())
                .rootCause()
                .hasMessageContaining("never shrinks");
    }
}
