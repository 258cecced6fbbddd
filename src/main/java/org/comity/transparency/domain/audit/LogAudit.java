package org.comity.transparency.domain.audit;

import static org.comity.transparency.domain.audit.AuditFailure.Code.BAD_SIGNATURE;
import static org.comity.transparency.domain.audit.AuditFailure.Code.ENTRY_MALFORMED;
import static org.comity.transparency.domain.audit.AuditFailure.Code.FORKED;
import static org.comity.transparency.domain.audit.AuditFailure.Code.ROLLED_BACK;
import static org.comity.transparency.domain.audit.AuditFailure.Code.TILE_MISMATCH;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.CompactRange;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.HashReader;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.tiles.EntryBundleId;
import org.comity.transparency.domain.tiles.HashTileId;
import org.comity.transparency.domain.tiles.TileBuilder;
import org.comity.transparency.domain.tiles.TiledHashReader;
import org.comity.transparency.domain.tiles.Tiles;

/**
 * The steps that check a log from its public tlog-tiles resources only, each small and explicit, each
 * failing with an {@link AuditFailure} code: fetch the checkpoint, verify its signature against the
 * pinned key, verify the tiles hash to its root, prove it consistent with a checkpoint seen before,
 * read and parse entries. The CLI, the witness and a monitor compose them; none trusts the log beyond
 * its key.
 */
public final class LogAudit {

    /** Checks one entry's format; throws {@link IllegalArgumentException} when it is not an entry. */
    @FunctionalInterface
    public interface EntryFormat {
        void check(byte[] entry);
    }

    private final LogSource source;

    public LogAudit(LogSource source) {
        this.source = Objects.requireNonNull(source);
    }

    /** Step 1: the checkpoint the log serves now, parsed but not yet trusted. */
    public SignedNote fetchCheckpoint() {
        try {
            return SignedNote.parse(source.fetch("checkpoint"));
        } catch (FormatException e) {
            throw new AuditFailure(BAD_SIGNATURE, "the checkpoint is not a signed note: " + e.getMessage(), e);
        }
    }

    /** Step 2: the checkpoint, if the pinned log key signed it for the log's origin. */
    public static Checkpoint verifySignature(TrustedLog log, SignedNote note) {
        try {
            return log.verify(note);
        } catch (VerificationException e) {
            throw new AuditFailure(BAD_SIGNATURE, e.getMessage() + " (" + e.failure() + ")", e);
        } catch (FormatException e) {
            throw new AuditFailure(BAD_SIGNATURE, "the signed text is not a checkpoint: " + e.getMessage(), e);
        }
    }

    /**
     * Step 3: a reader over the served hash tiles, after checking they produce the checkpoint's root,
     * and that every full tile one level below a tile the root was read from hashes to the hash that
     * summarises it there. The root of a tree of 300 leaves is read from the level-1 tile alone, so
     * without the second check a flipped byte in the full level-0 tile would pass; with it, the tiles
     * a proof reads are the tiles checked (at most 255 more per level; {@link #recomputeAll} checks
     * every tile from the entries).
     */
    public HashReader verifyTiles(Checkpoint checkpoint) {
        java.util.Set<HashTileId> read = new java.util.LinkedHashSet<>();
        HashReader tiles = new TiledHashReader(checkpoint.size(), id -> {
            read.add(id);
            return source.fetch(id.path());
        });
        Hash root;
        try {
            root = MerkleTree.root(tiles, checkpoint.size());
        } catch (FormatException e) {
            throw new AuditFailure(TILE_MISMATCH, "a served hash tile is malformed: " + e.getMessage(), e);
        }
        if (!root.equals(checkpoint.root())) {
            throw new AuditFailure(
                    TILE_MISMATCH,
                    "the root recomputed from the tiles is " + root.base64() + ", not the checkpoint's "
                            + checkpoint.root().base64());
        }
        for (HashTileId upper : List.copyOf(read)) {
            if (upper.level() > 0) {
                checkTilesBelow(upper);
            }
        }
        return tiles;
    }

    private void checkTilesBelow(HashTileId upper) {
        List<Hash> summaries;
        try {
            summaries = Tiles.decodeHashes(upper, source.fetch(upper.path()));
            for (int j = 0; j < upper.width(); j++) {
                var below = new HashTileId(upper.level() - 1, upper.index() * Tiles.WIDTH + j, Tiles.WIDTH);
                Hash hashed = MerkleTree.root(Tiles.decodeHashes(below, source.fetch(below.path())));
                if (!hashed.equals(summaries.get(j))) {
                    throw new AuditFailure(
                            TILE_MISMATCH,
                            "the hash tile " + below.path() + " does not hash to its hash in " + upper.path());
                }
            }
        } catch (FormatException e) {
            throw new AuditFailure(TILE_MISMATCH, "a served hash tile is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Step 4: proves {@code current} extends {@code old} (a checkpoint seen before, already verified),
     * with a proof built from {@code tiles} (verified against {@code current} by step 3).
     */
    public static void checkConsistent(Checkpoint old, Checkpoint current, HashReader tiles) {
        if (!old.origin().equals(current.origin())) {
            throw new IllegalArgumentException("checkpoints of two logs: " + old.origin() + ", " + current.origin());
        }
        if (old.size() > current.size()) {
            throw new AuditFailure(
                    ROLLED_BACK,
                    "a checkpoint seen before has size " + old.size() + " but the log's checkpoint only "
                            + current.size());
        }
        if (old.size() == current.size()) {
            if (!old.root().equals(current.root())) {
                throw new AuditFailure(FORKED, "two checkpoints of size " + old.size() + " with different roots");
            }
            return;
        }
        if (old.size() == 0) {
            return;
        }
        try {
            ConsistencyProof.build(tiles, old.size(), current.size()).verify(old.root(), current.root());
        } catch (VerificationException e) {
            // The tiles were checked against current's root, so the old tree is not its prefix.
            throw new AuditFailure(
                    FORKED,
                    "the tree of size " + old.size() + " seen before is not a prefix of the tree of size "
                            + current.size() + " (" + e.failure() + ")",
                    e);
        }
    }

    /** Step 5: the entries of one bundle of the tree of {@code checkpoint}. */
    public List<byte[]> entries(EntryBundleId bundle) {
        try {
            return Tiles.decodeEntries(bundle, source.fetch(bundle.path()));
        } catch (FormatException e) {
            throw new AuditFailure(
                    TILE_MISMATCH, "entry bundle " + bundle.path() + " is malformed: " + e.getMessage(), e);
        }
    }

    /** Entry {@code index} of the tree of size {@code treeSize}. */
    public byte[] entry(long index, long treeSize) {
        if (index < 0 || index >= treeSize) {
            throw new IllegalArgumentException("entry " + index + " is not in the tree of size " + treeSize);
        }
        return entries(Tiles.entryBundleFor(index, treeSize)).get((int) (index % Tiles.WIDTH));
    }

    /** Step 6: checks one entry's format. */
    public static void parseEntry(long index, byte[] entry, EntryFormat format) {
        try {
            format.check(entry);
        } catch (IllegalArgumentException e) {
            throw new AuditFailure(
                    ENTRY_MALFORMED, "entry " + index + " is not a valid log entry: " + e.getMessage(), e);
        }
    }

    /** How much {@link #recomputeAll} checked. */
    public record Recomputed(long entries, long tiles) {}

    /**
     * Reads every entry of the checkpoint's tree, checks each one's format, recomputes every hash tile
     * and compares it with the served one, and the root with the checkpoint's. Constant memory: only
     * the tiles still growing are kept. {@code each} sees every entry, in order (for statistics).
     */
    public Recomputed recomputeAll(Checkpoint checkpoint, EntryFormat format, Consumer<byte[]> each) {
        long size = checkpoint.size();
        TileBuilder builder = TileBuilder.empty();
        CompactRange range = CompactRange.empty();
        Map<String, TileBuilder.Tile> partial = new TreeMap<>();
        long tilesChecked = 0;
        for (long b = 0; b * Tiles.WIDTH < size; b++) {
            EntryBundleId bundle = new EntryBundleId(b, (int) Math.min(Tiles.WIDTH, size - b * Tiles.WIDTH));
            List<byte[]> entries = entries(bundle);
            for (int i = 0; i < entries.size(); i++) {
                parseEntry(b * Tiles.WIDTH + i, entries.get(i), format);
                each.accept(entries.get(i));
                Hash leaf = MerkleTree.leafHash(entries.get(i));
                builder.append(leaf);
                range.append(leaf);
            }
            for (TileBuilder.Tile tile : builder.drain()) {
                String key = tile.id().level() + "/" + tile.id().index();
                if (tile.id().isFull()) {
                    partial.remove(key);
                    compare(tile);
                    tilesChecked++;
                } else {
                    partial.put(key, tile);
                }
            }
        }
        for (TileBuilder.Tile tile : partial.values()) {
            compare(tile);
            tilesChecked++;
        }
        if (!range.root().equals(checkpoint.root())) {
            throw new AuditFailure(TILE_MISMATCH, "the root recomputed from the entries differs from the checkpoint's");
        }
        return new Recomputed(size, tilesChecked);
    }

    private void compare(TileBuilder.Tile tile) {
        HashTileId id = tile.id();
        List<Hash> served;
        try {
            served = Tiles.decodeHashes(id, source.fetch(id.path()));
        } catch (FormatException e) {
            throw new AuditFailure(TILE_MISMATCH, "tile " + id.path() + " is malformed: " + e.getMessage(), e);
        }
        if (!served.equals(tile.hashes())) {
            throw new AuditFailure(
                    TILE_MISMATCH, "tile " + id.path() + " differs from the one recomputed from the entries");
        }
    }
}
