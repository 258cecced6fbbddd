package org.comity.transparency.domain.tiles;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.NodeId;

/** Tile arithmetic and tile contents. */
public final class Tiles {

    /** Tree levels per tile. */
    public static final int HEIGHT = 8;

    /** Hashes (or entries) in a full tile. */
    public static final int WIDTH = 1 << HEIGHT;

    /** tlog-tiles length prefixes are uint16. */
    public static final int MAX_ENTRY_BYTES = 0xffff;

    private Tiles() {}

    /**
     * The hash tile, at the width it has in a tree of {@code treeSize}, from which {@code node} can be
     * computed: the node itself (tree level a multiple of 8) or the hashes below it in the same tile.
     */
    public static HashTileId hashTileFor(NodeId node, long treeSize) {
        if (node.end() > treeSize) {
            throw new IllegalArgumentException(node + " is not complete in a tree of size " + treeSize);
        }
        int tileLevel = node.level() / HEIGHT;
        long first = node.index() << (node.level() % HEIGHT); // position at tree level 8 * tileLevel
        long tileIndex = first / WIDTH;
        long hashesAtLevel = treeSize >>> (HEIGHT * tileLevel);
        int width = (int) Math.min(WIDTH, hashesAtLevel - tileIndex * WIDTH);
        return new HashTileId(tileLevel, tileIndex, width);
    }

    /** The distinct tiles needed for these nodes (e.g. a proof's required nodes), sorted. */
    public static List<HashTileId> hashTilesFor(Collection<NodeId> nodes, long treeSize) {
        TreeSet<HashTileId> tiles = new TreeSet<>(Comparator.comparingInt(HashTileId::level)
                .thenComparingLong(HashTileId::index)
                .thenComparingInt(HashTileId::width));
        nodes.forEach(n -> tiles.add(hashTileFor(n, treeSize)));
        return List.copyOf(tiles);
    }

    /** The tree nodes whose hashes a hash tile holds, in order. */
    public static List<NodeId> nodesOf(HashTileId tile) {
        List<NodeId> nodes = new ArrayList<>(tile.width());
        for (int i = 0; i < tile.width(); i++) {
            nodes.add(new NodeId(HEIGHT * tile.level(), tile.index() * WIDTH + i));
        }
        return nodes;
    }

    /**
     * Hash tiles that a tree of {@code newSize} has and one of {@code oldSize} lacks (new tiles and
     * wider versions of partial ones): what a log publishes when it grows. Full tiles never change.
     */
    public static List<HashTileId> hashTilesBetween(long oldSize, long newSize) {
        if (oldSize < 0 || oldSize > newSize) {
            throw new IllegalArgumentException("need 0 <= oldSize <= newSize");
        }
        List<HashTileId> out = new ArrayList<>();
        for (int level = 0; level <= HashTileId.MAX_LEVEL && (newSize >>> (HEIGHT * level)) > 0; level++) {
            long before = oldSize >>> (HEIGHT * level);
            long after = newSize >>> (HEIGHT * level);
            if (after == before) {
                continue;
            }
            for (long t = before / WIDTH; t * WIDTH < after; t++) {
                out.add(new HashTileId(level, t, (int) Math.min(WIDTH, after - t * WIDTH)));
            }
        }
        return out;
    }

    /** The entry bundle holding {@code entryIndex}, at its width in a tree of {@code treeSize}. */
    public static EntryBundleId entryBundleFor(long entryIndex, long treeSize) {
        if (entryIndex < 0 || entryIndex >= treeSize) {
            throw new IllegalArgumentException("entry " + entryIndex + " not in a tree of size " + treeSize);
        }
        long bundle = entryIndex / WIDTH;
        return new EntryBundleId(bundle, (int) Math.min(WIDTH, treeSize - bundle * WIDTH));
    }

    /** Concatenated hashes: a tile's content. */
    public static byte[] encodeHashes(List<Hash> hashes) {
        if (hashes.isEmpty() || hashes.size() > WIDTH) {
            throw new IllegalArgumentException("a tile holds 1 to 256 hashes");
        }
        ByteBuffer out = ByteBuffer.allocate(hashes.size() * Hash.LENGTH);
        hashes.forEach(h -> out.put(h.bytes()));
        return out.array();
    }

    /**
     * Decodes a hash tile. A wider tile than asked for is accepted and cut to {@code tile.width()}:
     * its prefix is the same, which lets a client fall back to the full tile when the partial one
     * has been deleted.
     */
    public static List<Hash> decodeHashes(HashTileId tile, byte[] content) {
        checkHashes(tile, content);
        List<Hash> hashes = new ArrayList<>(tile.width());
        for (int i = 0; i < tile.width(); i++) {
            hashes.add(Hash.of(Arrays.copyOfRange(content, i * Hash.LENGTH, (i + 1) * Hash.LENGTH)));
        }
        return hashes;
    }

    /**
     * Checks that {@code content} can be the hashes of {@code tile}: whole hashes, at least the
     * tile's width and at most a full tile (a full tile is accepted for a partial one).
     */
    public static void checkHashes(HashTileId tile, byte[] content) {
        if (content.length % Hash.LENGTH != 0
                || content.length / Hash.LENGTH < tile.width()
                || content.length / Hash.LENGTH > WIDTH) {
            throw new FormatException(
                    "tile " + tile.path() + " has " + content.length + " bytes, not " + tile.width() + " hashes");
        }
    }

    /** An entry bundle: each entry prefixed by its length as a big-endian uint16. */
    public static byte[] encodeEntries(List<byte[]> entries) {
        if (entries.isEmpty() || entries.size() > WIDTH) {
            throw new IllegalArgumentException("a bundle holds 1 to 256 entries");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] entry : entries) {
            if (entry.length > MAX_ENTRY_BYTES) {
                throw new FormatException("entry of " + entry.length + " bytes exceeds " + MAX_ENTRY_BYTES);
            }
            out.write(entry.length >>> 8);
            out.write(entry.length & 0xff);
            out.writeBytes(entry);
        }
        return out.toByteArray();
    }

    /** Decodes a bundle, which must hold exactly {@code bundle.width()} entries and nothing more. */
    public static List<byte[]> decodeEntries(EntryBundleId bundle, byte[] content) {
        List<byte[]> entries = new ArrayList<>(bundle.width());
        ByteBuffer in = ByteBuffer.wrap(content);
        while (in.hasRemaining()) {
            if (entries.size() == bundle.width()) {
                throw new FormatException("bundle " + bundle.path() + " has more than " + bundle.width() + " entries");
            }
            if (in.remaining() < 2) {
                throw new FormatException("bundle truncated inside a length prefix");
            }
            int length = Short.toUnsignedInt(in.getShort());
            if (in.remaining() < length) {
                throw new FormatException("bundle truncated inside an entry");
            }
            byte[] entry = new byte[length];
            in.get(entry);
            entries.add(entry);
        }
        if (entries.size() != bundle.width()) {
            throw new FormatException("bundle " + bundle.path() + " has " + entries.size() + " entries");
        }
        return entries;
    }
}
