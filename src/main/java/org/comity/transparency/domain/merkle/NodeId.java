package org.comity.transparency.domain.merkle;

/**
 * A complete (perfect) subtree: {@code 2^level} leaves starting at leaf {@code index * 2^level}.
 * Level 0 nodes are leaves. Only complete subtrees are ever stored, so this is what readers serve.
 */
public record NodeId(int level, long index) implements Comparable<NodeId> {

    public NodeId {
        if (level < 0 || level > 62) {
            throw new IllegalArgumentException("level must be 0..62, not " + level);
        }
        // The subtree must end within a tree of at most 2^63-1 leaves.
        if (index < 0 || index + 1 > (Long.MAX_VALUE >> level)) {
            throw new IllegalArgumentException("index " + index + " out of range at level " + level);
        }
    }

    /** First leaf covered. */
    public long start() {
        return index << level;
    }

    /** One past the last leaf covered. */
    public long end() {
        return (index + 1) << level;
    }

    @Override
    public int compareTo(NodeId o) {
        return level != o.level ? Integer.compare(level, o.level) : Long.compare(index, o.index);
    }
}
