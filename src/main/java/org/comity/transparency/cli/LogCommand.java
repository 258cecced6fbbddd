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
import org.comity.transparency.LogEntry;
import org.comity.transparency.LogStatistics;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.audit.AuditFailure;
import org.comity.transparency.domain.audit.LogAudit;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.HashReader;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.policy.TrustPolicy;
import org.comity.transparency.domain.receipt.Receipt;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code comity log ...}: checks a node's transparency log from its public tlog-tiles endpoints only,
 * without database access or trust in the node beyond its verifier key. Exit status 0 when every
 * check passed, 1 when a check failed, 2 for a usage or I/O problem.
 *
 * <pre>
 * log verify --node URL [--vkey VKEY] [--policy FILE|URL] [--state FILE] [--receipt FILE [--entry FILE]] [--full]
 * log stats  --node URL [--key VKEY] [--period month|year] [--csv]
 * log check-reveal --entry FILE --salt BASE64 --record FILE
 * log monitor --log STATE=URL=VKEY [--log …] --state FILE [--policy STATE=FILE …] [--grace 24h]
 * </pre>
 */
public final class LogCommand {

    static final String STATE_HEADER = "comity-log-state v1";

    private static final String USAGE = """
            usage:
              log verify --node URL [--vkey VKEY] [--policy FILE|URL] [--state FILE] [--receipt FILE [--entry FILE]] [--full]
                  checks the latest checkpoint's signature, recomputes its root from the tiles, proves it
                  consistent with the checkpoint saved in --state (then saves the new one there), checks
                  a tlog-proof receipt; --full also recomputes every tile from every entry.
                  --policy (a C2SP tlog-policy file, or a URL such as the node's /log/policy) requires
                  its quorum of witness cosignatures.
                  Without --vkey (or --key), the key comes from --state, from the policy's log line, or
                  else from the node (trust on first use).
              log stats --node URL [--key VKEY] [--period month|year] [--csv]
                  recomputes the statistics from the verified log's entries.
              log check-reveal --entry FILE --salt BASE64 --record FILE
                  checks that a revealed record and salt open an entry's commitment.
            """ + MonitorCommand.USAGE;

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
        if (args.getFirst().equals("monitor")) {
            try {
                return MonitorCommand.run(args.subList(1, args.size()), out, err);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                err.print(USAGE);
                return 2;
            } catch (RuntimeException | IOException e) {
                err.println("ERROR: " + e.getMessage());
                return 2;
            }
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
        } catch (AuditFailure e) {
            err.println("FAILED: " + e.getMessage() + " [" + e.code().code() + "]");
            return 1;
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
            String name = a.equals("--vkey") ? "key" : a.substring(2);
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

    private static LogAudit audit(NodeClient node) {
        return new LogAudit(path -> node.get("log/" + path));
    }

    /** The largest policy read from a URL: a policy is a few lines per witness. */
    static final int MAX_POLICY_BYTES = 64 * 1024;

    /** GET a tlog-policy from {@code url} (such as a node's {@code /log/policy}), at most 64 KiB. */
    static byte[] fetchPolicy(String url) {
        var http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(10))
                .followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .build();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(java.time.Duration.ofSeconds(30))
                .GET()
                .build();
        try {
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            try (var body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + url + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_POLICY_BYTES + 1);
                if (bytes.length > MAX_POLICY_BYTES) {
                    throw new IllegalStateException("the policy at " + url + " is larger than 64 KiB");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Verified fetchVerified(NodeClient node, Map<String, String> options, State saved, PrintStream out) {
        TrustPolicy policy = null;
        if (options.containsKey("policy")) {
            String where = options.get("policy");
            if (where.startsWith("https://") || where.startsWith("http://")) {
                policy = TrustPolicy.parse(fetchPolicy(where));
                // A policy fetched from the node it vouches for is only as good as the key pinned with it.
                out.println("policy: " + where + " (fetched"
                        + (options.containsKey("key") ? "" : "; pin the key with --vkey") + ")");
            } else {
                try {
                    policy = TrustPolicy.parse(Files.readAllBytes(Path.of(where)));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        NoteVerifier key;
        if (options.containsKey("key")) {
            key = NoteVerifier.parse(options.get("key"));
            if (saved != null && !saved.key().equals(key)) {
                throw new Failed("--key differs from the key saved in the state file");
            }
        } else if (saved != null) {
            key = saved.key();
        } else if (policy != null && policy.logs().size() == 1) {
            key = policy.logs().getFirst().key();
            out.println("key: " + key.encoded() + " (from the policy)");
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
        LogAudit audit = audit(node);
        SignedNote note = audit.fetchCheckpoint();
        Checkpoint checkpoint = LogAudit.verifySignature(log, note);
        out.println("checkpoint: " + checkpoint.origin() + " size " + checkpoint.size() + " root "
                + checkpoint.root().base64() + " — signature OK");
        if (policy != null) {
            if (!policy.listsLog(key)) {
                throw new AuditFailure(
                        AuditFailure.Code.BAD_SIGNATURE, "the policy does not list the log key " + key.encoded());
            }
            var cosigned = policy.requireQuorum(note);
            out.println("cosigned by " + cosigned.keySet() + ": the policy's quorum " + policy.quorum() + " is met");
        }
        HashReader tiles = audit.verifyTiles(checkpoint);
        out.println("root recomputed from the tiles: OK");
        return new Verified(log, note, checkpoint, tiles);
    }

    private int verify(Map<String, String> options) throws IOException {
        NodeClient node = new NodeClient(required(options, "node"));
        Path stateFile = options.containsKey("state") ? Path.of(options.get("state")) : null;
        State saved = stateFile != null && Files.exists(stateFile) ? State.read(stateFile) : null;
        Verified current = fetchVerified(node, options, saved, out);

        if (options.containsKey("full")) {
            var recomputed = audit(node).recomputeAll(current.checkpoint(), LogEntry::parse, entry -> {});
            out.println("recomputed " + recomputed.entries() + " entries and " + recomputed.tiles()
                    + " tiles from the entries: OK");
        }
        if (saved != null) {
            Checkpoint old = LogAudit.verifySignature(current.log(), saved.checkpoint());
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
        LogAudit.checkConsistent(old, current.checkpoint(), current.tiles());
        out.println("consistent with " + what + " (size " + old.size() + "): OK");
    }

    private static byte[] entryAt(NodeClient node, long index, long treeSize) {
        if (index >= treeSize) {
            throw new Failed("entry " + index + " is not in the node's tree of size " + treeSize);
        }
        return audit(node).entry(index, treeSize);
    }

    private int stats(Map<String, String> options) {
        NodeClient node = new NodeClient(required(options, "node"));
        // Progress goes to stderr so that stdout is exactly the table.
        Verified current = fetchVerified(node, options, null, err);
        LogStatistics.Granularity granularity =
                LogStatistics.Granularity.fromCode(options.getOrDefault("period", "month"));
        LogStatistics.Builder builder = new LogStatistics.Builder(granularity);
        // The counted entries are exactly the signed tree's leaves: the audit recomputes its root.
        audit(node).recomputeAll(current.checkpoint(), LogEntry::parse, builder::add);
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
