package org.comity.transparency.domain.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** RFC 6962/9162 hashing and tree roots. */
public final class MerkleTree {

    /** Root of the empty tree: SHA-256 of the empty string. */
    public static final Hash EMPTY_ROOT = new Hash(sha256().digest());

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    /**
     * One digest per thread, reset before each use: {@code MessageDigest.getInstance} per hash (a
     * provider lookup and a new engine) was most of the cost of a node hash on the writer's path
     * ({@link CompactRange}, tiles) and of every proof step. A digest is not thread-safe, so each thread
     * owns its own; no method here holds it across a call that could use it again.
     */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(MerkleTree::sha256);

    private MerkleTree() {}

    private static MessageDigest digest() {
        MessageDigest d = DIGEST.get();
        d.reset(); // in case a previous use stopped half-way (an exception between update and digest)
        return d;
    }

    /** {@code SHA-256(0x00 || entry)}. */
    public static Hash leafHash(byte[] entry) {
        MessageDigest d = digest();
        d.update(LEAF_PREFIX);
        d.update(entry);
        return new Hash(d.digest());
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static Hash nodeHash(Hash left, Hash right) {
        MessageDigest d = digest();
        d.update(NODE_PREFIX);
        d.update(left.shared());
        d.update(right.shared());
        return new Hash(d.digest());
    }

    /** Root of the tree whose leaves have these hashes (recursive RFC 6962 definition). */
    public static Hash root(List<Hash> leafHashes) {
        Objects.requireNonNull(leafHashes);
        return leafHashes.isEmpty() ? EMPTY_ROOT : root(leafHashes, 0, leafHashes.size());
    }

    private static Hash root(List<Hash> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return Objects.requireNonNull(leaves.get(from));
        }
        int k = Integer.highestOneBit(n - 1); // largest power of two < n
        return nodeHash(root(leaves, from, from + k), root(leaves, from + k, to));
    }

    /**
     * Root of the {@code count} hashes stored back to back in {@code hashes} from hash {@code first}
     * on: the same value as {@link #root(List)} over them, computed with one digest and without a
     * {@link Hash} per node. A proof reads every node below a tile level this way, up to 255 node
     * hashes per tile, so it is the allocation and CPU a proof costs (issue 18's tail).
     */
    public static Hash root(byte[] hashes, int first, int count) {
        if (first < 0 || count < 0 || (long) (first + count) * Hash.LENGTH > hashes.length) {
            throw new IllegalArgumentException(
                    "hashes " + first + ".." + (first + count) + " not within " + hashes.length + " bytes");
        }
        if (count == 0) {
            return EMPTY_ROOT;
        }
        return new Hash(root(hashes, first, count, digest()));
    }

    private static byte[] root(byte[] hashes, int from, int n, MessageDigest d) {
        if (n == 1) {
            return Arrays.copyOfRange(hashes, from * Hash.LENGTH, (from + 1) * Hash.LENGTH);
        }
        if (n == 2) {
            d.update(NODE_PREFIX);
            d.update(hashes, from * Hash.LENGTH, 2 * Hash.LENGTH);
            return d.digest();
        }
        int k = Integer.highestOneBit(n - 1); // largest power of two < n
        byte[] left = root(hashes, from, k, d);
        byte[] right = root(hashes, from + k, n - k, d);
        d.update(NODE_PREFIX);
        d.update(left);
        d.update(right);
        return d.digest();
    }

    /** Root of the first {@code size} leaves of the tree behind {@code reader}. */
    public static Hash root(HashReader reader, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        if (size == 0) {
            return EMPTY_ROOT;
        }
        return ProofPlan.resolve(reader, List.of(ProofPlan.range(0, size))).getFirst();
    }

    /**
     * The complete subtrees whose hashes determine the root of a tree of {@code size} leaves, left to
     * right: one per set bit of {@code size}. These are also the state of a {@link CompactRange}.
     */
    public static List<NodeId> rootNodes(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        return ProofPlan.range(0, size);
    }

    static Hash fold(List<Hash> peaks) {
        if (peaks.isEmpty()) {
            return EMPTY_ROOT;
        }
        Hash root = peaks.getLast();
        for (int i = peaks.size() - 2; i >= 0; i--) {
            root = nodeHash(peaks.get(i), root);
        }
        return root;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
