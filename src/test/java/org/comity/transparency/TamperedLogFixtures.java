package org.comity.transparency;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.CompactRange;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.tiles.TileBuilder;
import org.comity.transparency.domain.tiles.Tiles;

/**
 * Writes the tampered log fixtures under {@code src/test/resources/transparency/tampered} (run by hand
 * from the project directory; the files are committed, so tests never run this): a genuine log of 300
 * entries in tlog-tiles form with its checkpoint, and beside it a rolled-back checkpoint (a genuine
 * earlier one), two forked ones (another tree, signed by the same key), one with a flipped signature
 * byte, a hash tile with a flipped byte and an entry bundle with a malformed entry.
 */
public final class TamperedLogFixtures {

    static final int SIZE = 300;

    private TamperedLogFixtures() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/transparency/tampered");
        NoteSigner key = NoteSigner.generate("tampered.comity.invalid/log");
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            entries.add(new LogEntry(
                            LogEvents.event(i).metadata(),
                            Commitment.of(
                                    new byte[Commitment.SALT_BYTES],
                                    LogEvents.event(i).confidentialRecord(),
                                    LogEvents.event(i).disclose()))
                    .bytes());
        }
        write(dir.resolve("log.vkey"), (key.verifier().encoded() + "\n").getBytes(StandardCharsets.US_ASCII));
        Path log = dir.resolve("log");
        TileBuilder tiles = TileBuilder.empty();
        entries.forEach(e -> tiles.append(MerkleTree.leafHash(e)));
        for (TileBuilder.Tile tile : tiles.drain()) {
            write(log.resolve(tile.id().path()), tile.content());
        }
        for (int b = 0; b * Tiles.WIDTH < SIZE; b++) {
            var bundle = Tiles.entryBundleFor((long) b * Tiles.WIDTH, SIZE);
            var content = Tiles.encodeEntries(entries.subList(
                    b * Tiles.WIDTH, (int) Math.min(SIZE, (long) (b + 1) * Tiles.WIDTH)));
            write(log.resolve(bundle.path()), content);
        }
        SignedNote good = checkpoint(key, entries, SIZE);
        write(log.resolve("checkpoint"), good.bytes());
        write(
                dir.resolve("rolled-back.checkpoint"),
                checkpoint(key, entries, 200).bytes());

        List<byte[]> other = new ArrayList<>(entries);
        other.set(150, entries.get(151));
        write(dir.resolve("forked.checkpoint"), checkpoint(key, other, SIZE).bytes());
        write(
                dir.resolve("forked-earlier.checkpoint"),
                checkpoint(key, other, 200).bytes());

        byte[] signature = good.signatures().getFirst().signature();
        signature[10] ^= 1;
        var bad = new SignedNote(
                good.text(),
                List.of(new org.comity.transparency.domain.note.NoteSignature(key.name(), key.keyId(), signature)));
        write(dir.resolve("bad-signature.checkpoint"), bad.bytes());

        byte[] tile = Files.readAllBytes(log.resolve("tile/0/000"));
        tile[100] ^= 1;
        write(dir.resolve("flipped/tile/0/000"), tile);

        var malformed = new ArrayList<>(entries.subList(0, Tiles.WIDTH));
        byte[] first = malformed.getFirst().clone();
        first[0] = '[';
        malformed.set(0, first);
        write(dir.resolve("malformed/tile/entries/000"), Tiles.encodeEntries(malformed));
        System.out.println("wrote " + dir + " for " + key.verifier().encoded());
    }

    private static SignedNote checkpoint(NoteSigner key, List<byte[]> entries, int size) {
        CompactRange range = CompactRange.empty();
        entries.subList(0, size).forEach(e -> range.append(MerkleTree.leafHash(e)));
        Hash root = range.root();
        return new Checkpoint(key.name(), size, root).sign(key);
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
