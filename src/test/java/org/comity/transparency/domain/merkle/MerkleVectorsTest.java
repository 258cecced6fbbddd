package org.comity.transparency.domain.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.SharedVectors;
import org.comity.transparency.domain.VerificationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The transparency-dev/merkle proof vectors. Our API takes 32-byte {@link Hash} values and
 * non-negative {@code long} sizes where the Go verifier takes byte slices and uint64s, so a vector
 * value of another length or above 2^63-1 is rejected while decoding, which counts as the error the
 * vector expects. The one exception is the "don't care N" root placeholders: the Go verifier only
 * compares them for equality, so each stands for a distinct fixed hash.
 */
class MerkleVectorsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("don't care \\d");

    static Stream<Arguments> inclusionVectors() {
        return SharedVectors.files("merkle/inclusion").stream().map(MerkleVectorsTest::named);
    }

    static Stream<Arguments> consistencyVectors() {
        return SharedVectors.files("merkle/consistency").stream().map(MerkleVectorsTest::named);
    }

    private static Arguments named(Path file) {
        return Arguments.of(SharedVectors.dir().relativize(file).toString(), file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inclusionVectors")
    void inclusionVector(String name, Path file) {
        JsonNode v = SharedVectors.read(file);
        Throwable thrown = catchThrowable(
                () -> new InclusionProof(size(v.get("leafIdx")), size(v.get("treeSize")), hashes(v.get("proof")))
                        .verify(hash(v.get("leafHash")), hash(v.get("root"))));
        expect(v, thrown);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consistencyVectors")
    void consistencyVector(String name, Path file) {
        JsonNode v = SharedVectors.read(file);
        Throwable thrown = catchThrowable(
                () -> new ConsistencyProof(size(v.get("size1")), size(v.get("size2")), hashes(v.get("proof")))
                        .verify(root(v.get("root1")), root(v.get("root2"))));
        expect(v, thrown);
    }

    @Test
    void everyVectorFileIsFound() {
        assertThat(inclusionVectors()).hasSize(98);
        assertThat(consistencyVectors()).hasSize(98);
    }

    private static void expect(JsonNode v, Throwable thrown) {
        if (v.get("wantErr").booleanValue()) {
            assertThat(thrown)
                    .as(v.get("desc").stringValue())
                    .isNotNull()
                    .isInstanceOfAny(VerificationException.class, FormatException.class, Unrepresentable.class);
        } else {
            assertThat(thrown).as(v.get("desc").stringValue()).isNull();
        }
    }

    /** Happy-path proofs over the reference tree must be exactly what we build. */
    @Test
    void weBuildTheVectorProofsForTheReferenceTree() {
        InMemoryTree tree = referenceTree();
        int checked = 0;
        for (Path file : SharedVectors.files("merkle")) {
            JsonNode v = SharedVectors.read(file);
            if (!v.has("wantErr") || v.get("wantErr").booleanValue()) {
                continue;
            }
            List<Hash> proof = hashes(v.get("proof"));
            if (v.has("leafIdx")) {
                long i = size(v.get("leafIdx"));
                long n = size(v.get("treeSize"));
                if (n <= tree.size() && hash(v.get("root")).equals(MerkleTree.root(tree, n))) {
                    assertThat(InclusionProof.build(tree, i, n).hashes())
                            .as(file.toString())
                            .isEqualTo(proof);
                    checked++;
                }
            } else {
                long m = size(v.get("size1"));
                long n = size(v.get("size2"));
                if (m > 0 && n <= tree.size() && root(v.get("root2")).equals(MerkleTree.root(tree, n))) {
                    assertThat(ConsistencyProof.build(tree, m, n).hashes())
                            .as(file.toString())
                            .isEqualTo(proof);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }

    @Test
    void referenceTreeRoots() {
        JsonNode ref = SharedVectors.read("merkle/reference-tree.json");
        List<Hash> leaves = new ArrayList<>();
        CompactRange range = CompactRange.empty();
        InMemoryTree tree = new InMemoryTree();
        assertThat(MerkleTree.root(leaves).hex())
                .isEqualTo(ref.get("rootHashesHex").get(0).stringValue());
        assertThat(range.root()).isEqualTo(MerkleTree.EMPTY_ROOT);
        for (int n = 1; n <= 8; n++) {
            Hash leaf = MerkleTree.leafHash(
                    HexFormat.of().parseHex(ref.get("leafInputsHex").get(n - 1).stringValue()));
            leaves.add(leaf);
            range.append(leaf);
            tree.append(leaf);
            Hash want = Hash.fromHex(ref.get("rootHashesHex").get(n).stringValue());
            assertThat(MerkleTree.root(leaves)).as("n=%d", n).isEqualTo(want);
            assertThat(range.root()).as("n=%d", n).isEqualTo(want);
            assertThat(tree.root()).as("n=%d", n).isEqualTo(want);
        }
    }

    @Test
    void equalSizesWithMatchingPlaceholderRootsPass() {
        // Guards the placeholder mapping itself: equal placeholders must map to equal hashes.
        assertThatCode(() -> new ConsistencyProof(1, 1, List.of())
                        .verify(root(text("don't care 2")), root(text("don't care 2"))))
                .doesNotThrowAnyException();
    }

    static InMemoryTree referenceTree() {
        JsonNode ref = SharedVectors.read("merkle/reference-tree.json");
        InMemoryTree tree = new InMemoryTree();
        for (JsonNode leaf : ref.get("leafInputsHex").values()) {
            tree.append(MerkleTree.leafHash(HexFormat.of().parseHex(leaf.stringValue())));
        }
        return tree;
    }

    private static JsonNode text(String s) {
        return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(
                Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static long size(JsonNode n) {
        BigInteger value = n.bigIntegerValue();
        if (value.signum() < 0 || value.bitLength() > 63) {
            throw new Unrepresentable(value + " is not a size or index below 2^63");
        }
        return value.longValueExact();
    }

    private static Hash hash(JsonNode n) {
        return Hash.fromBase64(n.stringValue());
    }

    private static Hash root(JsonNode n) {
        byte[] raw = Base64.getDecoder().decode(n.stringValue());
        String asText = new String(raw, StandardCharsets.UTF_8);
        if (PLACEHOLDER.matcher(asText).matches()) {
            return MerkleTree.leafHash(raw);
        }
        return hash(n);
    }

    private static List<Hash> hashes(JsonNode n) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        return n.values().stream().map(MerkleVectorsTest::hash).toList();
    }

    private static final class Unrepresentable extends RuntimeException {
        Unrepresentable(String message) {
            super(message);
        }
    }
}
