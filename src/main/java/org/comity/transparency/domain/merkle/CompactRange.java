package org.comity.transparency.domain.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The right edge of a growing tree: one hash per set bit of the size (the roots of its complete
 * subtrees, left to right). Appending is O(log n) time and the state O(log n) memory, so the log
 * writer can append millions of entries and still sign roots without keeping leaves around.
 * Mutable and not thread-safe: the single log writer owns it.
 */
public final class CompactRange {

    private final List<Hash> peaks;
    private long size;

    private CompactRange(long size, List<Hash> peaks) {
        this.size = size;
        this.peaks = new ArrayList<>(peaks);
    }

    public static CompactRange empty() {
        return new CompactRange(0, List.of());
    }

    /**
     * Resumes from stored state.
     *
     * @param peaks the hashes of {@link MerkleTree#rootNodes(long) rootNodes(size)}, in that order
     */
    public static CompactRange resume(long size, List<Hash> peaks) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        if (peaks.size() != Long.bitCount(size)) {
            throw new IllegalArgumentException(
                    "a tree of size " + size + " has " + Long.bitCount(size) + " peaks, not " + peaks.size());
        }
        peaks.forEach(Objects::requireNonNull);
        return new CompactRange(size, peaks);
    }

    /** Resumes from a store holding at least {@code size} leaves. */
    public static CompactRange resume(HashReader reader, long size) {
        List<NodeId> nodes = MerkleTree.rootNodes(size);
        return resume(size, nodes.isEmpty() ? List.of() : reader.read(nodes));
    }

    /** Appends one leaf hash (already {@link MerkleTree#leafHash hashed}). */
    public void append(Hash leafHash) {
        Objects.requireNonNull(leafHash);
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("tree is full");
        }
        Hash carry = leafHash;
        // Each trailing one bit of the old size is a complete subtree the new leaf completes a pair with.
        for (long s = size; (s & 1) == 1; s >>>= 1) {
            carry = MerkleTree.nodeHash(peaks.removeLast(), carry);
        }
        peaks.add(carry);
        size++;
    }

    public long size() {
        return size;
    }

    public Hash root() {
        return MerkleTree.fold(peaks);
    }

    /** The current peaks, matching {@link MerkleTree#rootNodes(long) rootNodes(size())}; for storage. */
    public List<Hash> peaks() {
        return List.copyOf(peaks);
    }
}
