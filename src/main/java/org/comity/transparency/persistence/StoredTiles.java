package org.comity.transparency.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.HashReader;
import org.comity.transparency.domain.tiles.HashTileId;
import org.comity.transparency.domain.tiles.TiledHashReader;
import org.comity.transparency.domain.tiles.Tiles;

/**
 * Hash tiles read from the database, with an LRU cache. A stored tile only ever grows by appending
 * hashes (the database enforces it), so any cached content holding at least the hashes a reader needs
 * is correct; only a cached tile narrower than needed is read again. A proof in a tree of millions of
 * leaves then usually needs no database round trip at all.
 */
public final class StoredTiles {

    private final JdbcLogStore store;
    private final Map<Long, byte[]> full;

    public StoredTiles(JdbcLogStore store, int cachedTiles) {
        this.store = store;
        this.full = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > cachedTiles;
            }
        });
    }

    private static long key(int level, long index) {
        return ((long) level << 56) | index;
    }

    private byte[] cached(int level, long index, int width) {
        byte[] content = full.get(key(level, index));
        return content != null && content.length >= width * Hash.LENGTH ? content : null;
    }

    /** A tile's content at its width in a tree of {@code treeSize}, if that tree has the tile. */
    public Optional<byte[]> tile(HashTileId id, long treeSize) {
        long atLevel = treeSize >>> (Tiles.HEIGHT * id.level());
        long available = Math.min(Tiles.WIDTH, atLevel - id.index() * Tiles.WIDTH);
        if (available < id.width()) {
            return Optional.empty();
        }
        byte[] cached = full.get(key(id.level(), id.index()));
        byte[] content =
                cached != null ? cached : store.tile(id.level(), id.index()).orElse(null);
        if (content == null || content.length < id.width() * Hash.LENGTH) {
            return Optional.empty();
        }
        if (cached == null && content.length == Tiles.WIDTH * Hash.LENGTH) {
            full.put(key(id.level(), id.index()), content);
        }
        return Optional.of(Arrays.copyOf(content, id.width() * Hash.LENGTH));
    }

    /** A {@link HashReader} over the tiles of a committed tree of {@code treeSize} leaves. */
    public HashReader reader(long treeSize) {
        return nodes -> {
            List<HashTileId> needed = Tiles.hashTilesFor(nodes, treeSize);
            Map<HashTileId, byte[]> contents = new HashMap<>();
            List<int[]> levels = new ArrayList<>();
            List<Long> indexes = new ArrayList<>();
            for (HashTileId id : needed) {
                byte[] cached = cached(id.level(), id.index(), id.width());
                if (cached != null) {
                    contents.put(id, cached);
                } else {
                    levels.add(new int[] {id.level()});
                    indexes.add(id.index());
                }
            }
            if (!levels.isEmpty()) {
                Map<String, byte[]> fetched = store.tiles(levels, indexes);
                for (HashTileId id : needed) {
                    byte[] content = fetched.get(id.level() + "/" + id.index());
                    if (content != null) {
                        contents.put(id, content);
                        full.put(key(id.level(), id.index()), content);
                    }
                }
            }
            return new TiledHashReader(treeSize, id -> {
                        byte[] content = contents.get(id);
                        if (content == null) {
                            throw new IllegalStateException("tile " + id.path() + " is missing from the store");
                        }
                        return content;
                    })
                    .read(nodes);
        };
    }

    /** The stored hashes of a tile, for resuming the writer. */
    public List<Hash> hashes(HashTileId id) {
        byte[] content = store.tile(id.level(), id.index())
                .orElseThrow(() -> new IllegalStateException("tile " + id.path() + " is missing from the store"));
        return Tiles.decodeHashes(id, content);
    }
}
