package org.comity.transparency.domain.merkle;

import static org.comity.transparency.domain.VerificationException.Failure.INDEX_OUT_OF_RANGE;
import static org.comity.transparency.domain.VerificationException.Failure.ROOT_MISMATCH;
import static org.comity.transparency.domain.VerificationException.Failure.WRONG_PROOF_LENGTH;

import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;

/**
 * RFC 9162 §2.1.3 inclusion proof: the audit path from leaf {@code index} to the root of a tree of
 * {@code treeSize} leaves, leaf sibling first. Building it only trusts the store; {@link #verify}
 * is what a relying party runs.
 */
public record InclusionProof(long index, long treeSize, List<Hash> hashes) {

    /** No valid proof in a tree of fewer than 2^63 leaves has more hashes. */
    public static final int MAX_HASHES = 64;

    public InclusionProof {
        if (index < 0 || treeSize < 0) {
            throw new FormatException("index and tree size must not be negative");
        }
        if (hashes.size() > MAX_HASHES) {
            throw new FormatException("inclusion proof has more than " + MAX_HASHES + " hashes");
        }
        hashes = List.copyOf(hashes);
    }

    /** Builds the proof for leaf {@code index} in the first {@code treeSize} leaves of the store. */
    public static InclusionProof build(HashReader reader, long index, long treeSize) {
        checkIndex(index, treeSize);
        return new InclusionProof(index, treeSize, ProofPlan.resolve(reader, ProofPlan.inclusion(index, treeSize)));
    }

    /** The complete subtrees {@link #build} reads, e.g. to prefetch them or find their tiles. */
    public static List<NodeId> requiredNodes(long index, long treeSize) {
        checkIndex(index, treeSize);
        return ProofPlan.inclusion(index, treeSize).stream()
                .flatMap(List::stream)
                .toList();
    }

    private static void checkIndex(long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("index " + index + " not in a tree of size " + treeSize);
        }
    }

    /** Number of hashes in the proof for {@code index} in a tree of {@code treeSize}; needs index < size. */
    static int expectedLength(long index, long treeSize) {
        int inner = 64 - Long.numberOfLeadingZeros(index ^ (treeSize - 1));
        int border = Long.bitCount(index >>> inner);
        return inner + border;
    }

    /**
     * Verifies that {@code leafHash} is leaf {@link #index()} of the tree of {@link #treeSize()} leaves
     * with root {@code root}, per RFC 9162 §2.1.3.2.
     *
     * @throws VerificationException naming the failed check
     */
    public void verify(Hash leafHash, Hash root) {
        if (!rootFrom(leafHash).equals(root)) {
            throw new VerificationException(ROOT_MISMATCH, "inclusion proof leads to another root");
        }
    }

    /**
     * The root this proof binds {@code leafHash} to, after the structural checks. Package-private:
     * callers must compare against a trusted root, which {@link #verify} forces.
     */
    Hash rootFrom(Hash leafHash) {
        var steps = steps(leafHash);
        return steps.isEmpty() ? leafHash : steps.getLast().result();
    }

    /**
     * One step of the root computation: the proof hash combined, whether it goes on the left, and the
     * node hash it gives.
     */
    public record Step(Hash sibling, boolean siblingOnLeft, Hash result) {}

    /**
     * The RFC 9162 §2.1.3.2 computation from {@code leafHash} toward the root, step by step, after the
     * structural checks (for showing a proof to people). It decides nothing: only {@link #verify}, which
     * runs these steps and compares the result with a trusted root, does.
     *
     * @throws VerificationException for an index outside the tree or a proof of the wrong length
     */
    public List<Step> steps(Hash leafHash) {
        if (index >= treeSize) {
            throw new VerificationException(
                    INDEX_OUT_OF_RANGE, "index " + index + " is not in a tree of size " + treeSize);
        }
        int expected = expectedLength(index, treeSize);
        if (hashes.size() != expected) {
            throw new VerificationException(
                    WRONG_PROOF_LENGTH, "inclusion proof has " + hashes.size() + " hashes, expected " + expected);
        }
        var steps = new ArrayList<Step>(hashes.size());
        long fn = index;
        long sn = treeSize - 1;
        Hash r = leafHash;
        for (Hash p : hashes) {
            if (sn == 0) {
                throw new VerificationException(WRONG_PROOF_LENGTH, "inclusion proof is too long");
            }
            boolean left = (fn & 1) == 1 || fn == sn;
            if (left) {
                r = MerkleTree.nodeHash(p, r);
                // Skip the levels where this node is a right-edge node without a sibling.
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            steps.add(new Step(p, left, r));
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new VerificationException(WRONG_PROOF_LENGTH, "inclusion proof is too short");
        }
        return steps;
    }
}
