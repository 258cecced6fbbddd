package org.comity.transparency.domain.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Keeps every complete-subtree hash in memory: a reference {@link HashReader} for tests, tools and
 * small logs. Not for the production log, whose hashes live in tiles.
 */
public final class InMemoryTree implements HashReader {

    // levels.get(l).get(i) is the hash of NodeId(l, i).
    private final List<List<Hash>> levels = new ArrayList<>();

    public void append(Hash leafHash) {
        Objects.requireNonNull(leafHash);
        Hash carry = leafHash;
        for (int level = 0; ; level++) {
            if (levels.size() == level) {
                levels.add(new ArrayList<>());
            }
            List<Hash> row = levels.get(level);
            row.add(carry);
            if (row.size() % 2 == 1) {
                return;
            }
            carry = MerkleTree.nodeHash(row.get(row.size() - 2), carry);
        }
    }

    public long size() {
        return levels.isEmpty() ? 0 : levels.getFirst().size();
    }

    public Hash root() {
        return MerkleTree.root(this, size());
    }

    public Hash leafHash(long index) {
        return read(List.of(new NodeId(0, index))).getFirst();
    }

    @Override
    public List<Hash> read(List<NodeId> nodes) {
        List<Hash> out = new ArrayList<>(nodes.size());
        for (NodeId node : nodes) {
            if (node.level() >= levels.size()
                    || node.index() >= levels.get(node.level()).size()) {
                throw new IllegalArgumentException("node " + node + " is not in a tree of size " + size());
            }
            out.add(levels.get(node.level()).get((int) node.index()));
        }
        return out;
    }
}
