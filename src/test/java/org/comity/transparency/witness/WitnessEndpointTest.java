package org.comity.transparency.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.comity.node.DataDirectory;
import org.comity.testing.NodeTest;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InMemoryTree;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.witness.AddCheckpoint;
import org.comity.transparency.persistence.JdbcWitnessStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** POST /api/witness/add-checkpoint on a node that follows one (fictional) log, anonymous as the spec has it. */
@NodeTest
class WitnessEndpointTest {

    static final NoteSigner LOG = NoteSigner.generate("xq.comity.invalid/log");

    @DynamicPropertySource
    static void follow(DynamicPropertyRegistry registry) {
        registry.add("comity.witness.follow[0]", () -> LOG.verifier().encoded());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Witness witness;

    @Autowired
    JdbcWitnessStore store;

    @Autowired
    DataDirectory dataDirectory;

    static InMemoryTree tree(int size, String salt) {
        var tree = new InMemoryTree();
        for (int i = 0; i < size; i++) {
            tree.append(MerkleTree.leafHash((salt + i).getBytes(StandardCharsets.UTF_8)));
        }
        return tree;
    }

    static SignedNote signed(NoteSigner key, InMemoryTree tree) {
        return new Checkpoint(key.name(), tree.size(), tree.root()).sign(key);
    }

    MvcResult add(long old, List<Hash> proof, SignedNote note) throws Exception {
        return mvc.perform(post("/api/witness/add-checkpoint")
                        .contentType("text/plain")
                        .content(new AddCheckpoint(old, proof, note).body()))
                .andReturn();
    }

    @Test
    void cosignsConsistentCheckpointsAndRefusesTheRest() throws Exception {
        var t10 = tree(10, "e");
        var first = add(0, List.of(), signed(LOG, t10));
        assertThat(first.getResponse().getStatus()).isEqualTo(200);
        String lines = first.getResponse().getContentAsString(StandardCharsets.UTF_8);
        var cosigned = SignedNote.parse(signed(LOG, t10).serialize() + lines);
        var mine = cosigned.signatures().stream()
                .filter(witness.verifier()::matches)
                .toList();
        assertThat(mine).hasSize(1);
        assertThat(witness.verifier().verify(cosigned.text(), mine.getFirst()))
                .isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(600L));
        assertThat(store.known(LOG.name()).orElseThrow().size()).isEqualTo(10);

        // Old size 0 again: 409 with the size the witness knows.
        var stale = add(0, List.of(), signed(LOG, tree(20, "e")));
        assertThat(stale.getResponse().getStatus()).isEqualTo(409);
        assertThat(stale.getResponse().getContentType()).startsWith("text/x.tlog.size");
        assertThat(stale.getResponse().getContentAsString()).isEqualTo("10\n");

        var t20 = tree(20, "e");
        assertThat(add(10, ConsistencyProof.build(t20, 10, 20).hashes(), signed(LOG, t20))
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);

        // A fork of the same size, signed by the log's own key: 409, and nothing recorded.
        assertThat(add(20, List.of(), signed(LOG, tree(20, "f"))).getResponse().getStatus())
                .isEqualTo(409);
        var f30 = tree(30, "f");
        var inconsistent = add(20, ConsistencyProof.build(f30, 20, 30).hashes(), signed(LOG, f30));
        assertThat(inconsistent.getResponse().getStatus()).isEqualTo(422);
        assertThat(inconsistent.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(inconsistent.getResponse().getContentAsString()).contains("witness-consistency-proof");
        assertThat(store.known(LOG.name()).orElseThrow().root()).isEqualTo(t20.root());

        var stranger = NoteSigner.generate("xz.comity.invalid/log");
        assertThat(add(0, List.of(), signed(stranger, t10)).getResponse().getStatus())
                .isEqualTo(404);
        var impostor = NoteSigner.generate(LOG.name());
        assertThat(add(20, List.of(), signed(impostor, t20)).getResponse().getStatus())
                .isEqualTo(403);
        assertThat(add(30, List.of(), signed(LOG, t20)).getResponse().getStatus())
                .isEqualTo(400);
        assertThat(mvc.perform(post("/api/witness/add-checkpoint").content("garbage"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(400);
        assertThat(store.known(LOG.name()).orElseThrow().size()).isEqualTo(20);
    }

    @Test
    void ofConcurrentRequestsFromOneSizeOnlyOneIsCosigned() throws Exception {
        long from = store.known(LOG.name()).map(k -> k.size()).orElse(0L);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            var grown = tree((int) from + 5 + i, "e");
            var proof = from == 0
                    ? List.<Hash>of()
                    : ConsistencyProof.build(grown, from, grown.size()).hashes();
            var note = signed(LOG, grown);
            calls.add(() -> add(from, proof, note).getResponse().getStatus());
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            var statuses = new ArrayList<Integer>();
            for (var f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        }
    }

    @Test
    void theWitnessKeyIsAnOwnerOnlyFile() throws Exception {
        Path file = dataDirectory.resolve("keys").resolve("witness.key");
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.readString(file)).startsWith("PRIVATE+KEY+sandbox.comity.invalid/witness+");
    }
}
