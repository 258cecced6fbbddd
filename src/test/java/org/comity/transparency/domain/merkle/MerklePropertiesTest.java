package org.comity.transparency.domain.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.VerificationException.Failure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded randomised properties: proofs we build verify, and any tampering is caught. */
class MerklePropertiesTest {

    private static Hash randomLeaf(Random random) {
        byte[] entry = new byte[1 + random.nextInt(40)];
        random.nextBytes(entry);
        return MerkleTree.leafHash(entry);
    }

    private static List<Hash> leaves(Random random, int n) {
        List<Hash> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(randomLeaf(random));
        }
        return out;
    }

    private static InMemoryTree tree(List<Hash> leaves) {
        InMemoryTree tree = new InMemoryTree();
        leaves.forEach(tree::append);
        return tree;
    }

    @Test
    void compactRangeAndInMemoryTreeMatchTheRecursiveRootForEveryPrefix() {
        Random random = new Random(1);
        List<Hash> leaves = leaves(random, 1100);
        CompactRange range = CompactRange.empty();
        InMemoryTree tree = new InMemoryTree();
        for (int n = 1; n <= leaves.size(); n++) {
            range.append(leaves.get(n - 1));
            tree.append(leaves.get(n - 1));
            Hash want = MerkleTree.root(leaves.subList(0, n));
            assertThat(range.root()).as("n=%d", n).isEqualTo(want);
            assertThat(range.size()).isEqualTo(n);
            assertThat(MerkleTree.root(tree, n)).as("n=%d", n).isEqualTo(want);
            assertThat(range.peaks()).isEqualTo(tree.read(MerkleTree.rootNodes(n)));
        }
    }

    @Test
    void compactRangeResumesFromStoredPeaks() {
        Random random = new Random(2);
        List<Hash> leaves = leaves(random, 777);
        InMemoryTree tree = tree(leaves.subList(0, 500));
        CompactRange resumed = CompactRange.resume(tree, 500);
        CompactRange fromPeaks = CompactRange.resume(500, resumed.peaks());
        for (Hash leaf : leaves.subList(500, 777)) {
            resumed.append(leaf);
            fromPeaks.append(leaf);
        }
        assertThat(resumed.root()).isEqualTo(MerkleTree.root(leaves));
        assertThat(fromPeaks.root()).isEqualTo(MerkleTree.root(leaves));
        assertThatThrownBy(() -> CompactRange.resume(500, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14, 15, 16})
    void everyInclusionProofVerifiesAndTamperingFails(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(2000);
        List<Hash> leaves = leaves(random, n);
        InMemoryTree tree = tree(leaves);
        Hash root = MerkleTree.root(leaves);
        for (int index = 0; index < n; index++) {
            final int i = index;
            InclusionProof proof = InclusionProof.build(tree, i, n);
            Hash leaf = leaves.get(i);
            assertThatCode(() -> proof.verify(leaf, root)).as("i=%d n=%d", i, n).doesNotThrowAnyException();
            assertThat(proof.hashes()).hasSize(InclusionProof.expectedLength(i, n));
            if (i % 37 != 0 && i != n - 1) {
                continue; // tamper with a sample; verification above covers every index
            }
            for (int h = 0; h < proof.hashes().size(); h++) {
                List<Hash> tampered = new ArrayList<>(proof.hashes());
                tampered.set(h, flip(tampered.get(h), random));
                assertFails(() -> new InclusionProof(i, n, tampered).verify(leaf, root), Failure.ROOT_MISMATCH);
            }
            assertFails(() -> proof.verify(leaf, flip(root, random)), Failure.ROOT_MISMATCH);
            assertFails(() -> proof.verify(flip(leaf, random), root), Failure.ROOT_MISMATCH);
            assertFails(() -> new InclusionProof(n, n, proof.hashes()).verify(leaf, root), Failure.INDEX_OUT_OF_RANGE);
            List<Hash> longer = new ArrayList<>(proof.hashes());
            longer.add(root);
            assertFails(() -> new InclusionProof(i, n, longer).verify(leaf, root), Failure.WRONG_PROOF_LENGTH);
            if (!proof.hashes().isEmpty()) {
                List<Hash> shorter = proof.hashes().subList(0, proof.hashes().size() - 1);
                assertFails(() -> new InclusionProof(i, n, shorter).verify(leaf, root), Failure.WRONG_PROOF_LENGTH);
            }
            int other = random.nextInt(n);
            if (other != i) {
                // Within one tree the sibling pattern identifies the leaf, so another index must fail.
                assertThatThrownBy(() -> new InclusionProof(other, n, proof.hashes()).verify(leaf, root))
                        .isInstanceOf(VerificationException.class);
            }
            long otherSize = i + 1 + random.nextInt(2 * n);
            if (otherSize != n) {
                // A proof only binds the size through its shape: RFC 9162 accepts another size whose
                // audit path has exactly the same left/right pattern, so that is the oracle here.
                boolean sameShape = sides(i, n).equals(sides(i, otherSize));
                var claim = new InclusionProof(i, otherSize, proof.hashes());
                if (sameShape) {
                    assertThatCode(() -> claim.verify(leaf, root)).doesNotThrowAnyException();
                } else {
                    assertThatThrownBy(() -> claim.verify(leaf, root)).isInstanceOf(VerificationException.class);
                }
            }
        }
    }

    /** For each audit path hash, deepest first: true if it is a left sibling. RFC 6962 §2.1.1. */
    private static List<Boolean> sides(long index, long size) {
        List<Boolean> out = new ArrayList<>();
        sides(index, size, out);
        return out;
    }

    private static void sides(long index, long size, List<Boolean> out) {
        if (size <= 1) {
            return;
        }
        long k = Long.highestOneBit(size - 1);
        if (index < k) {
            sides(index, k, out);
            out.add(false);
        } else {
            sides(index - k, size - k, out);
            out.add(true);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void everyConsistencyProofVerifiesAndTamperingFails(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(2000);
        List<Hash> leaves = leaves(random, n);
        InMemoryTree tree = tree(leaves);
        Hash newRoot = MerkleTree.root(leaves);
        CompactRange range = CompactRange.empty();
        for (int m = 1; m <= n; m++) {
            range.append(leaves.get(m - 1));
            Hash oldRoot = range.root();
            ConsistencyProof proof = ConsistencyProof.build(tree, m, n);
            assertThatCode(() -> proof.verify(oldRoot, newRoot))
                    .as("m=%d n=%d", m, n)
                    .doesNotThrowAnyException();
            assertThat(proof.hashes()).hasSize(m == n ? 0 : ConsistencyProof.expectedLength(m, n));
            if (m % 41 != 0 && m != n && m != 1) {
                continue;
            }
            final int fm = m;
            for (int h = 0; h < proof.hashes().size(); h++) {
                List<Hash> tampered = new ArrayList<>(proof.hashes());
                tampered.set(h, flip(tampered.get(h), random));
                assertThatThrownBy(() -> new ConsistencyProof(fm, n, tampered).verify(oldRoot, newRoot))
                        .isInstanceOf(VerificationException.class);
            }
            assertThatThrownBy(() -> proof.verify(flip(oldRoot, random), newRoot))
                    .isInstanceOf(VerificationException.class);
            assertThatThrownBy(() -> proof.verify(oldRoot, flip(newRoot, random)))
                    .isInstanceOf(VerificationException.class);
            if (fm != n) {
                assertThatThrownBy(() -> proof.verify(newRoot, oldRoot)).isInstanceOf(VerificationException.class);
            }
            assertFails(
                    () -> new ConsistencyProof(n + 1, n, proof.hashes()).verify(oldRoot, newRoot),
                    Failure.SIZES_OUT_OF_ORDER);
            assertFails(
                    () -> new ConsistencyProof(0, n, List.of()).verify(MerkleTree.EMPTY_ROOT, newRoot),
                    Failure.EMPTY_OLD_TREE);
            List<Hash> longer = new ArrayList<>(proof.hashes());
            longer.add(newRoot);
            assertFails(() -> new ConsistencyProof(fm, n, longer).verify(oldRoot, newRoot), Failure.WRONG_PROOF_LENGTH);
            // Another old size with the same proof must not accept the old root (sizes are signed
            // together with roots in checkpoints, so this is what matters).
            long otherOld = 1 + random.nextInt(n);
            if (otherOld != m) {
                var claim = new ConsistencyProof(otherOld, n, proof.hashes());
                Hash otherRoot = MerkleTree.root(leaves.subList(0, (int) otherOld));
                assertThatThrownBy(() -> claim.verify(oldRoot, newRoot)).isInstanceOf(VerificationException.class);
                if (!otherRoot.equals(oldRoot)) {
                    assertThatThrownBy(() -> claim.verify(otherRoot, newRoot))
                            .isInstanceOf(VerificationException.class);
                }
            }
        }
    }

    @Test
    void proofsForTheSameTreeAgreeWithOneAnother() {
        // The inclusion proof of the last leaf of an old tree and a consistency proof share hashes;
        // check instead that proofs stay valid as the tree grows, as a client tracking a log sees them.
        Random random = new Random(31);
        List<Hash> leaves = leaves(random, 300);
        InMemoryTree tree = tree(leaves);
        for (int n = 1; n <= 300; n += 7) {
            Hash root = MerkleTree.root(tree, n);
            for (int i = 0; i < n; i += 5) {
                InclusionProof.build(tree, i, n).verify(leaves.get(i), root);
            }
        }
    }

    @Test
    void rootOfPackedHashesEqualsTheRootOfTheSameHashListForEveryRange() {
        var random = new Random(7);
        byte[] packed = new byte[40 * Hash.LENGTH];
        random.nextBytes(packed);
        List<Hash> list = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            list.add(Hash.of(java.util.Arrays.copyOfRange(packed, i * Hash.LENGTH, (i + 1) * Hash.LENGTH)));
        }
        for (int first = 0; first <= 40; first++) {
            for (int count = 0; first + count <= 40; count++) {
                assertThat(MerkleTree.root(packed, first, count))
                        .as("hashes %d..%d", first, first + count)
                        .isEqualTo(MerkleTree.root(list.subList(first, first + count)));
            }
        }
        assertThatThrownBy(() -> MerkleTree.root(packed, 39, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leafHashOfHelloWorld() {
        assertThat(MerkleTree.leafHash("hello world".getBytes(StandardCharsets.UTF_8))
                        .base64())
                .isEqualTo("TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=");
    }

    @Test
    void buildRejectsNonsenseArguments() {
        InMemoryTree tree = tree(leaves(new Random(3), 5));
        assertThatThrownBy(() -> InclusionProof.build(tree, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsistencyProof.build(tree, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsistencyProof.build(tree, 4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InclusionProof.build(tree, 0, 6)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Hash flip(Hash h, Random random) {
        byte[] bytes = h.bytes();
        bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        return Hash.of(bytes);
    }

    private static void assertFails(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Failure failure) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        VerificationException.class,
                        e -> assertThat(e.failure()).isEqualTo(failure));
    }
}
