package org.comity.transparency.domain.tiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.HashReader;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.merkle.NodeId;

/**
 * Reads tree nodes from hash tiles of a tree of {@code treeSize}, fetching each tile once per call.
 * Nodes between tile levels are recomputed from the tile's hashes, as tlog-tiles intends. Tiles are
 * not authenticated here: a proof built from them is checked by its verifier against a signed root.
 */
public final class TiledHashReader implements HashReader {

    private final long treeSize;
    private final Function<HashTileId, byte[]> tiles;

    /** @param tiles returns the content of a tile (the full tile is accepted for a partial one) */
    public TiledHashReader(long treeSize, Function<HashTileId, byte[]> tiles) {
        if (treeSize < 0) {
            throw new IllegalArgumentException("negative tree size");
        }
        this.treeSize = treeSize;
        this.tiles = Objects.requireNonNull(tiles);
    }

    @Override
    public List<Hash> read(List<NodeId> nodes) {
        Map<HashTileId, byte[]> fetched = new HashMap<>();
        List<Hash> out = new ArrayList<>(nodes.size());
        for (NodeId node : nodes) {
            HashTileId tile = Tiles.hashTileFor(node, treeSize);
            byte[] content = fetched.computeIfAbsent(tile, t -> {
                byte[] c = tiles.apply(t);
                Tiles.checkHashes(t, c);
                return c;
            });
            int below = node.level() % Tiles.HEIGHT;
            int from = (int) ((node.index() << below) % Tiles.WIDTH);
            // 2^below consecutive hashes form the complete subtree under the node; hashed in place,
            // not decoded into a Hash each (a proof reads up to 255 of them per tile).
            if (from + (1 << below) > tile.width()) {
                throw new IndexOutOfBoundsException("node " + node + " is beyond tile " + tile.path());
            }
            out.add(MerkleTree.root(content, from, 1 << below));
        }
        return out;
    }
}
