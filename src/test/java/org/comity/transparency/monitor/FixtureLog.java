package org.comity.transparency.monitor;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.shared.CountryCode;
import org.comity.transparency.Commitment;
import org.comity.transparency.EventType;
import org.comity.transparency.LogEntry;
import org.comity.transparency.Outcome;
import org.comity.transparency.PublicMetadata;
import org.comity.transparency.domain.audit.LogSource;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.CompactRange;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.CosignerKey;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.tiles.TileBuilder;
import org.comity.transparency.domain.tiles.Tiles;

/**
 * A log in tlog-tiles form held in memory, republished whole from any list of entries: the same key
 * can publish a longer tree, a shorter one (a rollback) or another one (a fork), optionally
 * cosigned. Entries may carry a {@code pairing} key, which the node's entries do not have yet.
 */
public final class FixtureLog {

    public final NoteSigner key;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    public FixtureLog(String origin) {
        this.key = NoteSigner.generate(origin);
    }

    public TrustedLog trusted() {
        return TrustedLog.of(key.verifier());
    }

    public LogSource source() {
        return path -> {
            byte[] file = files.get(path);
            if (file == null) {
                throw new IllegalStateException("no " + path);
            }
            return file;
        };
    }

    /** Publishes the tree of {@code entries}, its checkpoint cosigned by {@code witnesses}. */
    public SignedNote publish(List<byte[]> entries, CosignerKey... witnesses) {
        files.clear();
        TileBuilder tiles = TileBuilder.empty();
        CompactRange range = CompactRange.empty();
        for (byte[] e : entries) {
            tiles.append(MerkleTree.leafHash(e));
            range.append(MerkleTree.leafHash(e));
        }
        for (TileBuilder.Tile tile : tiles.drain()) {
            files.put(tile.id().path(), tile.content());
        }
        for (int b = 0; (long) b * Tiles.WIDTH < entries.size(); b++) {
            var bundle = Tiles.entryBundleFor((long) b * Tiles.WIDTH, entries.size());
            files.put(bundle.path(), Tiles.encodeEntries(entries.subList(b * Tiles.WIDTH, (int)
                    Math.min(entries.size(), (long) (b + 1) * Tiles.WIDTH))));
        }
        Checkpoint checkpoint = new Checkpoint(key.name(), entries.size(), range.root());
        SignedNote note = checkpoint.sign(key);
        for (CosignerKey w : witnesses) {
            note = note.withSignature(w.cosign(checkpoint.text(), 1_790_000_000L));
        }
        files.put("checkpoint", note.bytes());
        return note;
    }

    /** An entry without a pairing token. */
    public static byte[] plain(long i) {
        return entry(EventType.REQUEST_SENT, "XA", "XB", "preservation", LocalDate.of(2026, 3, 1), null, null, i);
    }

    /**
     * An entry with {@code pairing} (null: none), in canonical key order between {@code outcome} and
     * {@code refusalGrounds}.
     */
    public static byte[] entry(
            EventType event,
            String requesting,
            String requested,
            String kind,
            LocalDate day,
            Outcome outcome,
            String pairing,
            long salt) {
        var metadata = PublicMetadata.of(
                event,
                CountryCode.of(requesting),
                CountryCode.of(requested),
                kind,
                List.of("uncc-art-42"),
                List.of("illegal-access"),
                false,
                outcome,
                List.of(),
                day);
        byte[] record = ("{\"n\":" + salt + "}").getBytes(StandardCharsets.UTF_8);
        String json = new String(
                new LogEntry(metadata, Commitment.of(new byte[Commitment.SALT_BYTES], record, day.plusYears(5)))
                        .bytes(),
                StandardCharsets.UTF_8);
        if (pairing != null) {
            json = json.replace(",\"refusalGrounds\":", ",\"pairing\":\"" + pairing + "\",\"refusalGrounds\":");
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    public static List<byte[]> plainEntries(int n) {
        List<byte[]> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(plain(i));
        }
        return entries;
    }
}
