package org.comity.transparency.domain.tiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.MerkleTree;

/**
 * Builds hash tiles as leaves arrive: keeps only the right edge (the partial tile of each level, at
 * most 255 hashes per level) and reports which tiles changed since the last {@link #drain()}. A full
 * level-L tile contributes its root as one hash of level L+1. The log writer uses it to store tiles
 * with the entries that produced them; an auditor uses it to recompute every tile from the entries.
 * Mutable and not thread-safe.
 */
public final class TileBuilder {

    /** A tile's content at its current width. */
    public record Tile(HashTileId id, List<Hash> hashes) {
        public Tile {
            Objects.requireNonNull(id);
            hashes = List.copyOf(hashes);
            if (hashes.size() != id.width()) {
                throw new IllegalArgumentException("tile " + id.path() + " needs " + id.width() + " hashes");
            }
        }

        public byte[] content() {
            return Tiles.encodeHashes(hashes);
        }
    }

    // edge.get(L): hashes of the current partial tile at tile level L (empty when the level is aligned).
    private final List<List<Hash>> edge = new ArrayList<>();
    // counts.get(L): hashes stored so far at tree level 8L.
    private final List<Long> counts = new ArrayList<>();
    private final List<Tile> completed = new ArrayList<>();
    private final Set<Integer> dirtyLevels = new TreeSet<>();
    private long size;

    private TileBuilder() {}

    public static TileBuilder empty() {
        return new TileBuilder();
    }

    /**
     * Resumes at {@code size} leaves. {@code partialTile} returns the hashes of a partial tile of the
     * stored tree (a full tile's content is accepted and cut); only the right-edge tiles are asked for.
     */
    public static TileBuilder resume(long size, Function<HashTileId, List<Hash>> partialTile) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        TileBuilder builder = new TileBuilder();
        builder.size = size;
        for (int level = 0; (size >>> (Tiles.HEIGHT * level)) > 0; level++) {
            long count = size >>> (Tiles.HEIGHT * level);
            builder.counts.add(count);
            int width = (int) (count % Tiles.WIDTH);
            List<Hash> hashes = new ArrayList<>();
            if (width > 0) {
                HashTileId id = new HashTileId(level, count / Tiles.WIDTH, width);
                List<Hash> stored = partialTile.apply(id);
                if (stored.size() < width) {
                    throw new IllegalStateException("stored tile " + id.path() + " has only " + stored.size());
                }
                hashes.addAll(stored.subList(0, width));
            }
            builder.edge.add(hashes);
        }
        return builder;
    }

    public void append(Hash leafHash) {
        Objects.requireNonNull(leafHash);
        add(0, leafHash);
        size++;
    }

    private void add(int level, Hash hash) {
        if (edge.size() == level) {
            edge.add(new ArrayList<>());
            counts.add(0L);
        }
        List<Hash> row = edge.get(level);
        row.add(hash);
        long count = counts.get(level) + 1;
        counts.set(level, count);
        dirtyLevels.add(level);
        if (row.size() == Tiles.WIDTH) {
            // Full tiles are captured once; partial ones only when drained, so appends stay O(1).
            completed.add(new Tile(new HashTileId(level, (count - 1) / Tiles.WIDTH, Tiles.WIDTH), row));
            Hash root = MerkleTree.root(row);
            row.clear();
            add(level + 1, root);
        }
    }

    /** The tiles created or widened since the last call, each at its latest width, lowest level first. */
    public List<Tile> drain() {
        List<Tile> out = new ArrayList<>(completed);
        completed.clear();
        for (int level : dirtyLevels) {
            List<Hash> row = edge.get(level);
            if (!row.isEmpty()) {
                out.add(new Tile(new HashTileId(level, counts.get(level) / Tiles.WIDTH, row.size()), row));
            }
        }
        dirtyLevels.clear();
        out.sort((a, b) -> a.id().level() != b.id().level()
                ? Integer.compare(a.id().level(), b.id().level())
                : Long.compare(a.id().index(), b.id().index()));
        return out;
    }

    public long size() {
        return size;
    }
}
