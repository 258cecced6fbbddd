package org.comity.transparency.domain.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InMemoryTree;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.note.SignedNote;
import org.junit.jupiter.api.Test;

/** The tlog-witness rules for add-checkpoint, each status in the spec's order. */
class VerdictTest {

    static final NoteSigner LOG = NoteSigner.generate("xa.comity.invalid/log");
    static final Map<String, NoteVerifier> FOLLOWED = Map.of(LOG.name(), LOG.verifier());

    static InMemoryTree tree(int size, String salt) {
        var tree = new InMemoryTree();
        for (int i = 0; i < size; i++) {
            tree.append(MerkleTree.leafHash((salt + i).getBytes(StandardCharsets.UTF_8)));
        }
        return tree;
    }

    static SignedNote signed(InMemoryTree tree) {
        return new Checkpoint(LOG.name(), tree.size(), tree.root()).sign(LOG);
    }

    static Verdict judge(long old, List<Hash> proof, SignedNote note, Verdict.Known known) {
        return Verdict.judge(new AddCheckpoint(old, proof, note), FOLLOWED, origin -> Optional.ofNullable(known));
    }

    @Test
    void cosignsAConsistentExtension() {
        var small = tree(10, "e");
        var large = tree(25, "e");
        var proof = ConsistencyProof.build(large, 10, 25).hashes();
        var known = new Verdict.Known(10, small.root());
        assertThat(judge(10, proof, signed(large), known)).isInstanceOfSatisfying(Verdict.Cosign.class, c -> {
            assertThat(c.checkpoint().size()).isEqualTo(25);
            assertThat(c.replaces()).contains(known);
        });
        assertThat(judge(0, List.of(), signed(small), null)).isInstanceOf(Verdict.Cosign.class);
        // The same tree again is cosigned again.
        assertThat(judge(10, List.of(), signed(small), known)).isInstanceOf(Verdict.Cosign.class);
    }

    @Test
    void refusesAsTheSpecSays() {
        var small = tree(10, "e");
        var large = tree(25, "e");
        var known = new Verdict.Known(10, small.root());
        var proof = ConsistencyProof.build(large, 10, 25).hashes();

        var stranger = NoteSigner.generate("xz.comity.invalid/log");
        var unknown = new Checkpoint(stranger.name(), 25, large.root()).sign(stranger);
        assertThat(judge(10, proof, unknown, known)).isInstanceOf(Verdict.UnknownOrigin.class);

        var impostor = NoteSigner.generate(LOG.name());
        var forged = new Checkpoint(LOG.name(), 25, large.root()).sign(impostor);
        assertThat(judge(10, proof, forged, known)).isInstanceOf(Verdict.Forbidden.class);

        assertThat(judge(30, List.of(), signed(large), known)).isInstanceOf(Verdict.BadRequest.class);
        assertThat(judge(0, proof, signed(large), null)).isInstanceOf(Verdict.BadRequest.class);

        assertThat(judge(5, proof, signed(large), known))
                .isInstanceOfSatisfying(
                        Verdict.Conflict.class, c -> assertThat(c.knownSize()).isEqualTo(10));
        assertThat(judge(0, List.of(), signed(large), known))
                .isInstanceOfSatisfying(
                        Verdict.Conflict.class, c -> assertThat(c.knownSize()).isEqualTo(10));

        // A fork: another tree of the size the witness cosigned, signed by the log's own key.
        var fork = tree(10, "f");
        assertThat(judge(10, List.of(), signed(fork), known)).isInstanceOf(Verdict.Conflict.class);
        // A fork grown further: the proof from the witness's root fails.
        var forkLarge = tree(25, "f");
        var forkProof = ConsistencyProof.build(forkLarge, 10, 25).hashes();
        assertThat(judge(10, forkProof, signed(forkLarge), known)).isInstanceOf(Verdict.Inconsistent.class);
        assertThat(judge(10, proof.subList(1, proof.size()), signed(large), known))
                .isInstanceOf(Verdict.Inconsistent.class);
    }

    @Test
    void theRequestBodyIsTheSpecsFormat() {
        var large = tree(25, "e");
        var proof = ConsistencyProof.build(large, 10, 25).hashes();
        var request = new AddCheckpoint(10, proof, signed(large));
        String body = new String(request.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("old 10\n" + proof.getFirst().base64() + "\n");
        assertThat(body).contains("\n\n" + LOG.name() + "\n25\n");
        var parsed = AddCheckpoint.parse(request.body());
        assertThat(parsed.oldSize()).isEqualTo(10);
        assertThat(parsed.proof()).isEqualTo(proof);
        assertThat(parsed.checkpoint()).isEqualTo(request.checkpoint());

        String note = signed(large).serialize();
        for (String bad : List.of(
                note,
                "old 010\n\n" + note,
                "old -1\n\n" + note,
                "new 1\n\n" + note,
                "old 1\nnot base64!\n\n" + note,
                "old 1\n\nnot a note\n")) {
            assertThatThrownBy(() -> AddCheckpoint.parse(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(FormatException.class);
        }
        var tooLong = new StringBuilder("old 1\n");
        for (int i = 0; i < 64; i++) {
            tooLong.append(proof.getFirst().base64()).append('\n');
        }
        assertThatThrownBy(() -> AddCheckpoint.parse((tooLong + "\n" + note).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FormatException.class);
    }
}
