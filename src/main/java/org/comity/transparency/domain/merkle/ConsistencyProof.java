package org.comity.transparency.domain.merkle;

import static org.comity.transparency.domain.VerificationException.Failure.EMPTY_OLD_TREE;
import static org.comity.transparency.domain.VerificationException.Failure.OLD_ROOT_MISMATCH;
import static org.comity.transparency.domain.VerificationException.Failure.ROOT_MISMATCH;
import static org.comity.transparency.domain.VerificationException.Failure.SIZES_OUT_OF_ORDER;
import static org.comity.transparency.domain.VerificationException.Failure.WRONG_PROOF_LENGTH;

import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;

/**
 * RFC 9162 §2.1.4 consistency proof that the tree of {@code oldSize} leaves is a prefix of the tree
 * of {@code newSize} leaves.
 */
public record ConsistencyProof(long oldSize, long newSize, List<Hash> hashes) {

    /** No valid proof between trees of fewer than 2^63 leaves has more hashes. */
    public static final int MAX_HASHES = 64;

    public ConsistencyProof {
        if (oldSize < 0 || newSize < 0) {
            throw new FormatException("tree sizes must not be negative");
        }
        if (hashes.size() > MAX_HASHES) {
            throw new FormatException("consistency proof has more than " + MAX_HASHES + " hashes");
        }
        hashes = List.copyOf(hashes);
    }

    /** Builds the proof from the store, which must hold at least {@code newSize} leaves. */
    public static ConsistencyProof build(HashReader reader, long oldSize, long newSize) {
        checkSizes(oldSize, newSize);
        return new ConsistencyProof(
                oldSize, newSize, ProofPlan.resolve(reader, ProofPlan.consistency(oldSize, newSize)));
    }

    /** The complete subtrees {@link #build} reads. */
    public static List<NodeId> requiredNodes(long oldSize, long newSize) {
        checkSizes(oldSize, newSize);
        return ProofPlan.consistency(oldSize, newSize).stream()
                .flatMap(List::stream)
                .toList();
    }

    // Verification refuses oldSize == 0 (see verify), so building such a proof would be pointless.
    private static void checkSizes(long oldSize, long newSize) {
        if (oldSize <= 0 || oldSize > newSize) {
            throw new IllegalArgumentException("need 0 < oldSize <= newSize, got " + oldSize + ", " + newSize);
        }
    }

    // Same decomposition as an inclusion proof for leaf oldSize-1, minus the levels below the
    // largest complete subtree oldSize ends with, plus that subtree's root unless it is the old root.
    static int expectedLength(long oldSize, long newSize) {
        long index = oldSize - 1;
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (newSize - 1));
        int border = Long.bitCount(index >>> inner);
        int shift = Long.numberOfTrailingZeros(oldSize);
        int seed = oldSize == Long.lowestOneBit(oldSize) ? 0 : 1;
        return seed + (inner - shift) + border;
    }

    /**
     * Verifies that the tree with root {@code oldRoot} of {@link #oldSize()} leaves is a prefix of the
     * tree with root {@code newRoot} of {@link #newSize()} leaves, per RFC 9162 §2.1.4.2. A proof from
     * the empty tree is refused: it would accept any new root, so it proves nothing.
     *
     * @throws VerificationException naming the failed check
     */
    public void verify(Hash oldRoot, Hash newRoot) {
        if (oldSize > newSize) {
            throw new VerificationException(
                    SIZES_OUT_OF_ORDER, "old size " + oldSize + " is larger than new size " + newSize);
        }
        if (oldSize == 0) {
            throw new VerificationException(EMPTY_OLD_TREE, "consistency with the empty tree proves nothing");
        }
        if (oldSize == newSize) {
            if (!hashes.isEmpty()) {
                throw new VerificationException(WRONG_PROOF_LENGTH, "proof between equal sizes must be empty");
            }
            if (!oldRoot.equals(newRoot)) {
                throw new VerificationException(ROOT_MISMATCH, "equal sizes but different roots");
            }
            return;
        }
        int expected = expectedLength(oldSize, newSize);
        if (hashes.size() != expected) {
            throw new VerificationException(
                    WRONG_PROOF_LENGTH, "consistency proof has " + hashes.size() + " hashes, expected " + expected);
        }
        // RFC 9162 §2.1.4.2: when oldSize is a power of two its root is the first node of the path.
        List<Hash> path = hashes;
        if (oldSize == Long.lowestOneBit(oldSize)) {
            path = new ArrayList<>(hashes.size() + 1);
            path.add(oldRoot);
            path.addAll(hashes);
        }
        long fn = oldSize - 1;
        long sn = newSize - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        Hash fr = path.getFirst();
        Hash sr = path.getFirst();
        for (Hash c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new VerificationException(WRONG_PROOF_LENGTH, "consistency proof is too long");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleTree.nodeHash(c, fr);
                sr = MerkleTree.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleTree.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new VerificationException(WRONG_PROOF_LENGTH, "consistency proof is too short");
        }
        if (!fr.equals(oldRoot)) {
            throw new VerificationException(OLD_ROOT_MISMATCH, "consistency proof leads to another old root");
        }
        if (!sr.equals(newRoot)) {
            throw new VerificationException(ROOT_MISMATCH, "consistency proof leads to another new root");
        }
    }
}
