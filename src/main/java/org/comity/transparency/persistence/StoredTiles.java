package org.comity.transparency.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.HashReader;
import org.comity.transparency.domain.tiles.HashTileId;
import org.comity.transparency.domain.tiles.TiledHashReader;
import org.comity.transparency.domain.tiles.Tiles;

/**
 * Hash tiles read from the database, cached in memory. A stored tile only ever grows by appending
 * hashes (the database enforces it), so any cached content holding at least the hashes a reader needs
 * is correct; only a cached tile narrower than needed is read again. Tiles above level 0 are all kept
 * (one per 65 536 leaves: about 150 tiles, 1.2 MiB, at 10 M entries), since every proof reads them;
 * level-0 tiles, one per 256 leaves, are kept in an LRU of {@code cachedTiles}. A proof then needs
 * at most one database round trip (for its level-0 tiles), and none while they are cached.
 */
public final class StoredTiles {

    private final JdbcLogStore store;
    private final Map<Long, byte[]> leafTiles;
    private final Map<Long, byte[]> upperTiles = new ConcurrentHashMap<>();

    public StoredTiles(JdbcLogStore store, int cachedTiles) {
        this.store = store;
        this.leafTiles = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > cachedTiles;
            }
        });
    }

    private static long key(int level, long index) {
        return ((long) level << 56) | index;
    }

    private byte[] lookup(int level, long index) {
        return (level == 0 ? leafTiles : upperTiles).get(key(level, index));
    }

    /** Keeps the wider of the cached and the fetched content (readers of older trees fetch narrower ones). */
    private void remember(int level, long index, byte[] content) {
        (level == 0 ? leafTiles : upperTiles)
                .merge(key(level, index), content, (old, fetched) -> fetched.length > old.length ? fetched : old);
    }

    private byte[] cached(int level, long index, int width) {
        byte[] content = lookup(level, index);
        return content != null && content.length >= width * Hash.LENGTH ? content : null;
    }

    /** A tile's content at its width in a tree of {@code treeSize}, if that tree has the tile. */
    public Optional<byte[]> tile(HashTileId id, long treeSize) {
        long atLevel = treeSize >>> (Tiles.HEIGHT * id.level());
        long available = Math.min(Tiles.WIDTH, atLevel - id.index() * Tiles.WIDTH);
        if (available < id.width()) {
            return Optional.empty();
        }
        byte[] content = cached(id.level(), id.index(), id.width());
        if (content == null) {
            content = store.tile(id.level(), id.index()).orElse(null);
            if (content == null || content.length < id.width() * Hash.LENGTH) {
                return Optional.empty();
            }
            remember(id.level(), id.index(), content);
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
                        remember(id.level(), id.index(), content);
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
