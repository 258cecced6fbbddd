package org.comity.transparency.domain.monitor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.note.SignedNote;

/**
 * What a monitor remembers between rounds: per log, the last checkpoint it verified (and read every
 * entry of) and the last inconsistent one it reported; and the paired entries still waiting for their
 * counterpart. Saved as a small line-based text ({@link #text}), in a file by the CLI and in a row by a
 * node.
 *
 * @param verified origin to the signed checkpoint last verified, as served
 * @param reported origin to the last inconsistent checkpoint reported, so one fork is reported once
 */
public record MonitorState(Map<String, SignedNote> verified, Map<String, SignedNote> reported, List<Pending> pending) {

    static final String HEADER = "comity-monitor-state v1";

    /** An entry with a pairing token whose counterpart was not yet seen. */
    public record Pending(String side, String origin, Instant seen, PairedEntry entry) {}

    public MonitorState {
        verified = Map.copyOf(verified);
        reported = Map.copyOf(reported);
        pending = List.copyOf(pending);
    }

    public static MonitorState empty() {
        return new MonitorState(Map.of(), Map.of(), List.of());
    }

    public String text() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        new TreeMap<>(verified)
                .forEach((origin, note) -> out.append("verified ")
                        .append(origin)
                        .append(' ')
                        .append(Base64.getEncoder().encodeToString(note.bytes()))
                        .append('\n'));
        new TreeMap<>(reported)
                .forEach((origin, note) -> out.append("reported ")
                        .append(origin)
                        .append(' ')
                        .append(Base64.getEncoder().encodeToString(note.bytes()))
                        .append('\n'));
        for (Pending p : pending) {
            PairedEntry e = p.entry();
            out.append(String.join(
                            " ",
                            "pending",
                            p.side(),
                            p.origin(),
                            Long.toString(p.seen().getEpochSecond()),
                            Long.toString(e.index()),
                            e.token(),
                            e.event(),
                            e.requesting(),
                            e.requested(),
                            e.kind(),
                            e.legalBasis().isEmpty() ? "-" : String.join(",", e.legalBasis()),
                            e.day(),
                            e.outcome() == null ? "-" : e.outcome()))
                    .append('\n');
        }
        return out.toString();
    }

    public static MonitorState parse(String text) {
        String[] lines = text.split("\n", -1);
        if (lines.length < 2 || !lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
            throw new FormatException("not a " + HEADER + " text");
        }
        Map<String, SignedNote> verified = new TreeMap<>();
        Map<String, SignedNote> reported = new TreeMap<>();
        List<Pending> pending = new ArrayList<>();
        for (String line : Arrays.asList(lines).subList(1, lines.length - 1)) {
            String[] f = line.split(" ", -1);
            try {
                switch (f[0]) {
                    case "verified", "reported" -> {
                        if (f.length != 3) {
                            throw new FormatException("a " + f[0] + " line has an origin and a note");
                        }
                        SignedNote note =
                                SignedNote.parse(new String(Base64.getDecoder().decode(f[2]), StandardCharsets.UTF_8));
                        (f[0].equals("verified") ? verified : reported).put(f[1], note);
                    }
                    case "pending" -> {
                        if (f.length != 13) {
                            throw new FormatException("a pending line has 12 fields");
                        }
                        pending.add(new Pending(
                                f[1],
                                f[2],
                                Instant.ofEpochSecond(Long.parseLong(f[3])),
                                new PairedEntry(
                                        Long.parseLong(f[4]),
                                        f[5],
                                        f[6],
                                        f[7],
                                        f[8],
                                        f[9],
                                        f[10].equals("-") ? List.of() : List.of(f[10].split(",", -1)),
                                        f[11],
                                        f[12].equals("-") ? null : f[12])));
                    }
                    default -> throw new FormatException("unknown line '" + f[0] + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new FormatException("malformed monitor state line: " + e.getMessage(), e);
            }
        }
        return new MonitorState(verified, reported, pending);
    }
}
