package org.comity.transparency.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.monitor.Finding;
import org.comity.transparency.domain.monitor.FollowedLog;
import org.comity.transparency.domain.monitor.Monitor;
import org.comity.transparency.domain.monitor.MonitorState;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.policy.TrustPolicy;
import org.comity.transparency.monitor.EntryFields;
import org.comity.transparency.monitor.FindingJson;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code comity log monitor}: one monitor round over several States' logs, read through their public
 * tiles only, with the state kept in a file. Prints each finding as one JSON line on stdout.
 */
final class MonitorCommand {

    static final String USAGE = """
              log monitor --log STATE=URL=VKEY [--log …] --state FILE [--policy STATE=FILE …] [--grace 24h]
                  one round of the cross-State monitor: checks each log's checkpoint against the one in
                  --state (a fork or rollback is a finding, and so is a policy witness that cosigned
                  both), reads the new entries, and reports entries whose pairing token has no
                  counterpart in the other State's log after --grace (default 24h), and pairs that
                  disagree. Findings are JSON lines on stdout; exit 1 when there is one or a log failed.
            """;

    private MonitorCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Map<String, String[]> logs = new java.util.LinkedHashMap<>();
        Map<String, String> policies = new HashMap<>();
        Path stateFile = null;
        Duration grace = Duration.ofHours(24);
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(args.get(i) + " needs a value");
            }
            String value = args.get(i + 1);
            switch (args.get(i)) {
                case "--log" -> {
                    String[] parts = value.split("=", 3);
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("--log is STATE=URL=VKEY");
                    }
                    if (logs.put(parts[0], parts) != null) {
                        throw new IllegalArgumentException("--log " + parts[0] + " is given twice");
                    }
                }
                case "--policy" -> {
                    String[] parts = value.split("=", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("--policy is STATE=FILE");
                    }
                    policies.put(parts[0], parts[1]);
                }
                case "--state" -> stateFile = Path.of(value);
                case "--grace" -> grace = duration(value);
                default -> throw new IllegalArgumentException("unexpected argument " + args.get(i));
            }
        }
        if (logs.isEmpty() || stateFile == null) {
            throw new IllegalArgumentException("--log and --state are required");
        }
        List<FollowedLog> followed = new ArrayList<>();
        for (String[] log : logs.values()) {
            NodeClient node = new NodeClient(log[1]);
            String policyFile = policies.remove(log[0]);
            TrustPolicy policy = policyFile == null ? null : TrustPolicy.parse(Files.readAllBytes(Path.of(policyFile)));
            followed.add(new FollowedLog(
                    log[0], TrustedLog.of(NoteVerifier.parse(log[2])), path -> node.get("log/" + path), policy));
        }
        if (!policies.isEmpty()) {
            throw new IllegalArgumentException("--policy for a State without --log: " + policies.keySet());
        }
        MonitorState state = Files.exists(stateFile)
                ? MonitorState.parse(Files.readString(stateFile, StandardCharsets.UTF_8))
                : MonitorState.empty();
        Monitor.Round round = new Monitor(new EntryFields(), grace)
                .run(followed, state, java.time.Clock.systemUTC().instant());
        JsonMapper json = JsonMapper.builder().build();
        for (Finding f : round.findings()) {
            out.println(json.writeValueAsString(FindingJson.of(f)));
        }
        round.errors().forEach(e -> err.println("FAILED: " + e));
        Path temp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.writeString(temp, round.state().text(), StandardCharsets.UTF_8);
        Files.move(temp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        err.println(
                round.entriesRead() + " new entries read, " + round.findings().size() + " finding(s), "
                        + round.state().pending().size() + " paired entr(ies) waiting");
        return round.findings().isEmpty() && round.errors().isEmpty() ? 0 : 1;
    }

    /** {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, or an ISO-8601 duration. */
    static Duration duration(String text) {
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                return Duration.parse(text);
            }
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--grace is a duration such as 30m, 24h or 7d");
        }
    }
}
