package org.comity.transparency.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.comity.transparency.LogEntry;
import org.comity.transparency.LogStatistics;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.CompactRange;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.HashReader;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.receipt.Receipt;
import org.comity.transparency.domain.tiles.EntryBundleId;
import org.comity.transparency.domain.tiles.HashTileId;
import org.comity.transparency.domain.tiles.TileBuilder;
import org.comity.transparency.domain.tiles.TiledHashReader;
import org.comity.transparency.domain.tiles.Tiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code comity log ...}: checks a node's transparency log from its public tlog-tiles endpoints only,
 * without database access or trust in the node beyond its verifier key. Exit status 0 when every
 * check passed, 1 when a check failed, 2 for a usage or I/O problem.
 *
 * <pre>
 * log verify --node URL [--key VKEY] [--state FILE] [--receipt FILE [--entry FILE]] [--full]
 * log stats  --node URL [--key VKEY] [--period month|year] [--csv]
 * log check-reveal --entry FILE --salt BASE64 --record FILE
 * </pre>
 */
public final class LogCommand {

    static final String STATE_HEADER = "comity-log-state v1";

    private static final String USAGE = """
            usage:
              log verify --node URL [--key VKEY] [--state FILE] [--receipt FILE [--entry FILE]] [--full]
                  checks the latest checkpoint's signature, recomputes its root from the tiles, proves it
                  consistent with the checkpoint saved in --state (then saves the new one there), checks
                  a tlog-proof receipt; --full also recomputes every tile from every entry.
                  Without --key, the key comes from --state, or else from the node (trust on first use).
              log stats --node URL [--key VKEY] [--period month|year] [--csv]
                  recomputes the statistics from the verified log's entries.
              log check-reveal --entry FILE --salt BASE64 --record FILE
                  checks that a revealed record and salt open an entry's commitment.
            """;

    private final PrintStream out;
    private final PrintStream err;

    private LogCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code log <subcommand> ...}; {@code args} start with the subcommand. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        LogCommand command = new LogCommand(out, err);
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        Map<String, String> options;
        try {
            options = options(args.subList(1, args.size()));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (args.getFirst()) {
                case "verify" -> command.verify(options);
                case "stats" -> command.stats(options);
                case "check-reveal" -> command.checkReveal(options);
                default -> {
                    err.print(USAGE);
                    yield 2;
                }
            };
        } catch (VerificationException e) {
            err.println("FAILED: " + e.getMessage() + " (" + e.failure() + ")");
            return 1;
        } catch (Failed e) {
            err.println("FAILED: " + e.getMessage());
            return 1;
        } catch (FormatException e) {
            err.println("FAILED: malformed data from the node or a file: " + e.getMessage());
            return 1;
        } catch (Usage e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (RuntimeException | IOException e) {
            err.println("ERROR: " + e.getMessage());
            return 2;
        }
    }

    private static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private static final class Usage extends RuntimeException {
        Usage(String message) {
            super(message);
        }
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + a);
            }
            String name = a.substring(2);
            if (name.equals("full") || name.equals("csv")) {
                options.put(name, "true");
            } else if (i + 1 < args.size()) {
                options.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new Usage("--" + name + " is required");
        }
        return value;
    }

    /** The saved state: the trusted key and the last checkpoint verified. */
    private record State(NoteVerifier key, SignedNote checkpoint) {
        static State read(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String[] parts = text.split("\n", 3);
            if (parts.length != 3 || !parts[0].equals(STATE_HEADER) || !parts[1].startsWith("key ")) {
                throw new FormatException("state file " + file + " is not a " + STATE_HEADER + " file");
            }
            return new State(NoteVerifier.parse(parts[1].substring(4)), SignedNote.parse(parts[2]));
        }

        void write(Path file) throws IOException {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(
                    temp,
                    STATE_HEADER + "\nkey " + key.encoded() + "\n" + checkpoint.serialize(),
                    StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** A verified checkpoint and a reader over the node's tiles for its tree. */
    private record Verified(TrustedLog log, SignedNote note, Checkpoint checkpoint, HashReader tiles) {}

    private Verified fetchVerified(NodeClient node, Map<String, String> options, State saved, PrintStream out) {
        NoteVerifier key;
        if (options.containsKey("key")) {
            key = NoteVerifier.parse(options.get("key"));
            if (saved != null && !saved.key().equals(key)) {
                throw new Failed("--key differs from the key saved in the state file");
            }
        } else if (saved != null) {
            key = saved.key();
        } else {
            String fetched = JsonMapper.builder()
                    .build()
                    .readTree(node.get("api/log"))
                    .path("verifierKey")
                    .asString();
            key = NoteVerifier.parse(fetched);
            out.println("key: " + key.encoded() + " (fetched from the node: trust on first use; pin it with --key)");
        }
        TrustedLog log = TrustedLog.of(key);
        SignedNote note = SignedNote.parse(node.get("log/checkpoint"));
        Checkpoint checkpoint = log.verify(note);
        out.println("checkpoint: " + checkpoint.origin() + " size " + checkpoint.size() + " root "
                + checkpoint.root().base64() + " — signature OK");
        HashReader tiles = new TiledHashReader(checkpoint.size(), id -> node.get("log/" + id.path()));
        Hash root = MerkleTree.root(tiles, checkpoint.size());
        if (!root.equals(checkpoint.root())) {
            throw new Failed("the root recomputed from the tiles is " + root.base64() + ", not the checkpoint's");
        }
        out.println("root recomputed from the tiles: OK");
        return new Verified(log, note, checkpoint, tiles);
    }

    private int verify(Map<String, String> options) throws IOException {
        NodeClient node = new NodeClient(required(options, "node"));
        Path stateFile = options.containsKey("state") ? Path.of(options.get("state")) : null;
        State saved = stateFile != null && Files.exists(stateFile) ? State.read(stateFile) : null;
        Verified current = fetchVerified(node, options, saved, out);

        if (options.containsKey("full")) {
            full(node, current.checkpoint());
        }
        if (saved != null) {
            Checkpoint old = current.log().verify(saved.checkpoint());
            consistent(current, old, "the saved checkpoint");
        }
        if (options.containsKey("receipt")) {
            Receipt receipt = Receipt.parse(Files.readString(Path.of(options.get("receipt")), StandardCharsets.UTF_8));
            byte[] entry = options.containsKey("entry")
                    ? Files.readAllBytes(Path.of(options.get("entry")))
                    : entryAt(node, receipt.index(), current.checkpoint().size());
            Checkpoint inReceipt = receipt.verifyEntry(current.log(), entry);
            out.println("receipt: entry " + receipt.index() + " is in the tree of size " + inReceipt.size() + ": OK");
            consistent(current, inReceipt, "the receipt's checkpoint");
            out.println("entry " + receipt.index() + ": " + new String(entry, StandardCharsets.UTF_8));
        } else if (options.containsKey("entry")) {
            throw new Usage("--entry needs --receipt");
        }
        if (stateFile != null) {
            new State(current.log().key(), current.note()).write(stateFile);
            out.println("saved checkpoint of size " + current.checkpoint().size() + " to " + stateFile);
        }
        out.println("OK");
        return 0;
    }

    /** Proves the current tree extends {@code old}; a smaller current tree means the log rolled back. */
    private void consistent(Verified current, Checkpoint old, String what) {
        long size = current.checkpoint().size();
        if (old.size() > size) {
            throw new Failed(what + " has size " + old.size() + " but the node's checkpoint only " + size
                    + ": the log was rolled back or forked");
        }
        if (old.size() == size) {
            if (!old.root().equals(current.checkpoint().root())) {
                throw new Failed(what + " has the same size but another root: the log forked");
            }
        } else if (old.size() > 0) {
            ConsistencyProof.build(current.tiles(), old.size(), size)
                    .verify(old.root(), current.checkpoint().root());
        }
        out.println("consistent with " + what + " (size " + old.size() + "): OK");
    }

    private static byte[] entryAt(NodeClient node, long index, long treeSize) {
        if (index >= treeSize) {
            throw new Failed("entry " + index + " is not in the node's tree of size " + treeSize);
        }
        EntryBundleId bundle = Tiles.entryBundleFor(index, treeSize);
        return Tiles.decodeEntries(bundle, node.get("log/" + bundle.path())).get((int) (index % Tiles.WIDTH));
    }

    /** Recomputes every hash tile and the root from all entries, checking each entry's format. */
    private void full(NodeClient node, Checkpoint checkpoint) {
        long size = checkpoint.size();
        TileBuilder builder = TileBuilder.empty();
        CompactRange range = CompactRange.empty();
        Map<String, TileBuilder.Tile> partial = new TreeMap<>();
        long tilesChecked = 0;
        for (long bundleIndex = 0; bundleIndex * Tiles.WIDTH < size; bundleIndex++) {
            EntryBundleId bundle =
                    new EntryBundleId(bundleIndex, (int) Math.min(Tiles.WIDTH, size - bundleIndex * Tiles.WIDTH));
            List<byte[]> entries = Tiles.decodeEntries(bundle, node.get("log/" + bundle.path()));
            for (int i = 0; i < entries.size(); i++) {
                try {
                    LogEntry.parse(entries.get(i));
                } catch (IllegalArgumentException e) {
                    throw new Failed("entry " + (bundleIndex * Tiles.WIDTH + i) + " is not a valid log entry: "
                            + e.getMessage());
                }
                Hash leaf = MerkleTree.leafHash(entries.get(i));
                builder.append(leaf);
                range.append(leaf);
            }
            for (TileBuilder.Tile tile : builder.drain()) {
                String key = tile.id().level() + "/" + tile.id().index();
                if (tile.id().isFull()) {
                    partial.remove(key);
                    check(node, tile);
                    tilesChecked++;
                } else {
                    partial.put(key, tile);
                }
            }
        }
        for (TileBuilder.Tile tile : partial.values()) {
            check(node, tile);
            tilesChecked++;
        }
        if (!range.root().equals(checkpoint.root())) {
            throw new Failed("the root recomputed from the entries differs from the checkpoint's");
        }
        out.println("recomputed " + size + " entries and " + tilesChecked + " tiles from the entries: OK");
    }

    private static void check(NodeClient node, TileBuilder.Tile tile) {
        HashTileId id = tile.id();
        List<Hash> served = Tiles.decodeHashes(id, node.get("log/" + id.path()));
        if (!served.equals(tile.hashes())) {
            throw new Failed("tile " + id.path() + " differs from the one recomputed from the entries");
        }
    }

    private int stats(Map<String, String> options) {
        NodeClient node = new NodeClient(required(options, "node"));
        // Progress goes to stderr so that stdout is exactly the table.
        Verified current = fetchVerified(node, options, null, err);
        LogStatistics.Granularity granularity =
                LogStatistics.Granularity.fromCode(options.getOrDefault("period", "month"));
        long size = current.checkpoint().size();
        LogStatistics.Builder builder = new LogStatistics.Builder(granularity);
        CompactRange range = CompactRange.empty();
        for (long b = 0; b * Tiles.WIDTH < size; b++) {
            EntryBundleId bundle = new EntryBundleId(b, (int) Math.min(Tiles.WIDTH, size - b * Tiles.WIDTH));
            for (byte[] entry : Tiles.decodeEntries(bundle, node.get("log/" + bundle.path()))) {
                builder.add(entry);
                range.append(MerkleTree.leafHash(entry));
            }
        }
        // The counted entries are exactly the signed tree's leaves.
        if (!range.root().equals(current.checkpoint().root())) {
            throw new Failed("the entries do not produce the checkpoint's root");
        }
        LogStatistics statistics = builder.build();
        if (options.containsKey("csv")) {
            out.print(statistics.toCsv());
        } else {
            List<String> lines = new ArrayList<>();
            statistics
                    .rows()
                    .forEach(r -> lines.add(String.join(
                                    " ", r.period(), r.requesting(), r.requested(), r.kind(), r.event(), r.outcome())
                            + " " + r.count()));
            lines.forEach(out::println);
            out.println(statistics.treeSize() + " entries counted");
        }
        return 0;
    }

    private int checkReveal(Map<String, String> options) throws IOException {
        LogEntry entry = LogEntry.parse(Files.readAllBytes(Path.of(required(options, "entry"))));
        byte[] salt = Base64.getDecoder().decode(required(options, "salt"));
        byte[] record = Files.readAllBytes(Path.of(required(options, "record")));
        try {
            entry.commitment().verify(salt, record);
        } catch (IllegalArgumentException e) {
            throw new Failed("the salt and record do not open the entry's commitment");
        }
        out.println(
                "the record opens the entry's commitment " + entry.commitment().sha256() + ": OK");
        return 0;
    }
}
