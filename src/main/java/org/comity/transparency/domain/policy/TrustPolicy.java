package org.comity.transparency.domain.policy;

import static org.comity.transparency.domain.audit.AuditFailure.Code.BAD_SIGNATURE;
import static org.comity.transparency.domain.audit.AuditFailure.Code.BELOW_QUORUM;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.audit.AuditFailure;
import org.comity.transparency.domain.note.CosignerVerifier;
import org.comity.transparency.domain.note.NoteSignature;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.note.SignedNote;
import org.jspecify.annotations.Nullable;

/**
 * A C2SP tlog-policy file: the logs and witnesses known, and the quorum of witnesses whose
 * cosignatures make a checkpoint valid. Parsed strictly (names defined before use, each member once,
 * 1 &lt;= k &lt;= n, exactly one quorum line, no duplicate keys).
 */
public final class TrustPolicy {

    /** A log line. */
    public record Log(NoteVerifier key, @Nullable String url) {}

    /** A witness line: its name in this policy, its cosigner key and its submission prefix. */
    public record Witness(
            String name, CosignerVerifier key, @Nullable String url) {}

    /** A group: at least {@code threshold} of its members witnessed. */
    public record Group(String name, int threshold, List<String> members) {}

    /** The predefined quorum name that requires no cosignature. */
    public static final String NONE = "none";

    /** Bounds the work of parsing a policy from a file or a node; the spec asks for at least 32 each. */
    static final int MAX_DEFINITIONS = 256;

    private final List<Log> logs;
    private final Map<String, Witness> witnesses;
    private final Map<String, Group> groups;
    private final String quorum;

    private TrustPolicy(List<Log> logs, Map<String, Witness> witnesses, Map<String, Group> groups, String quorum) {
        this.logs = List.copyOf(logs);
        this.witnesses = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(witnesses));
        this.groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        this.quorum = quorum;
    }

    /**
     * The policy a Comity node publishes: its own log, its witnesses in one group of which {@code
     * threshold} must cosign (the quorum), or {@code quorum none} without witnesses.
     */
    public static TrustPolicy of(Log log, List<Witness> witnesses, int threshold) {
        Map<String, Witness> byName = new LinkedHashMap<>();
        for (Witness w : witnesses) {
            checkName(w.name());
            if (byName.put(w.name(), w) != null) {
                throw new FormatException("two witnesses named " + w.name());
            }
        }
        checkDistinctKeys(byName.values());
        if (witnesses.isEmpty()) {
            return new TrustPolicy(List.of(log), byName, Map.of(), NONE);
        }
        if (threshold < 1 || threshold > witnesses.size()) {
            throw new FormatException("the quorum must be between 1 and the number of witnesses");
        }
        var group = new Group("witnesses", threshold, List.copyOf(byName.keySet()));
        if (byName.containsKey(group.name())) {
            throw new FormatException("a witness may not be named " + group.name());
        }
        return new TrustPolicy(List.of(log), byName, Map.of(group.name(), group), group.name());
    }

    public static TrustPolicy parse(byte[] file) {
        for (byte b : file) {
            if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n') || b == 0x7f) {
                throw new FormatException("a policy may contain no control characters but tab and newline");
            }
        }
        return parse(new String(file, StandardCharsets.UTF_8));
    }

    public static TrustPolicy parse(String text) {
        List<Log> logs = new ArrayList<>();
        Map<String, Witness> witnesses = new LinkedHashMap<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        String quorum = null;
        int definitions = 0;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (++definitions > MAX_DEFINITIONS) {
                throw new FormatException("a policy has at most " + MAX_DEFINITIONS + " definitions");
            }
            List<String> f = Arrays.asList(line.split("[ \t]+"));
            switch (f.getFirst()) {
                case "log" -> {
                    arity(f, 2, 3, "log <vkey> [<url>]");
                    logs.add(new Log(NoteVerifier.parse(f.get(1)), f.size() > 2 ? f.get(2) : null));
                }
                case "witness" -> {
                    arity(f, 3, 4, "witness <name> <vkey> [<url>]");
                    String name = f.get(1);
                    defineName(name, witnesses, groups);
                    witnesses.put(
                            name, new Witness(name, CosignerVerifier.parse(f.get(2)), f.size() > 3 ? f.get(3) : null));
                }
                case "group" -> {
                    if (f.size() < 4) {
                        throw new FormatException("group <name> all|any|<k> <name>...");
                    }
                    String name = f.get(1);
                    defineName(name, witnesses, groups);
                    List<String> members = List.copyOf(f.subList(3, f.size()));
                    if (new HashSet<>(members).size() != members.size()) {
                        throw new FormatException("group " + name + " lists a member twice");
                    }
                    for (String m : members) {
                        if (!witnesses.containsKey(m) && !groups.containsKey(m)) {
                            throw new FormatException("group " + name + " names " + m + ", not defined before");
                        }
                    }
                    int k = switch (f.get(2)) {
                        case "all" -> members.size();
                        case "any" -> 1;
                        default -> {
                            if (!f.get(2).matches("[1-9][0-9]{0,3}")) {
                                throw new FormatException("group threshold must be all, any or a decimal number");
                            }
                            yield Integer.parseInt(f.get(2));
                        }
                    };
                    if (k < 1 || k > members.size()) {
                        throw new FormatException("group " + name + " needs 1 <= k <= " + members.size());
                    }
                    groups.put(name, new Group(name, k, members));
                }
                case "quorum" -> {
                    arity(f, 2, 2, "quorum <name>");
                    if (quorum != null) {
                        throw new FormatException("a policy has exactly one quorum line");
                    }
                    String name = f.get(1);
                    if (!name.equals(NONE) && !witnesses.containsKey(name) && !groups.containsKey(name)) {
                        throw new FormatException("quorum names " + name + ", not defined before");
                    }
                    quorum = name;
                }
                default -> throw new FormatException("unknown policy line '" + f.getFirst() + "'");
            }
        }
        if (quorum == null) {
            throw new FormatException("a policy has exactly one quorum line");
        }
        checkDistinctKeys(witnesses.values());
        Set<String> logKeys = new HashSet<>();
        for (Log l : logs) {
            if (!logKeys.add(java.util.HexFormat.of().formatHex(l.key().publicKey()))) {
                throw new FormatException("two log lines with the same key");
            }
        }
        return new TrustPolicy(logs, witnesses, groups, quorum);
    }

    private static void arity(List<String> f, int min, int max, String form) {
        if (f.size() < min || f.size() > max) {
            throw new FormatException("expected " + form);
        }
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.equals(NONE) || name.chars().anyMatch(c -> c == ' ' || c == '\t' || c < 0x20)) {
            throw new FormatException("not a policy name: '" + name + "'");
        }
    }

    private static void defineName(String name, Map<String, Witness> witnesses, Map<String, Group> groups) {
        checkName(name);
        if (witnesses.containsKey(name) || groups.containsKey(name)) {
            throw new FormatException("the name " + name + " is defined twice");
        }
    }

    private static void checkDistinctKeys(java.util.Collection<Witness> witnesses) {
        Set<String> keys = new HashSet<>();
        for (Witness w : witnesses) {
            if (!keys.add(java.util.HexFormat.of().formatHex(w.key().publicKey()))) {
                throw new FormatException("two witnesses with the same key");
            }
        }
    }

    public List<Log> logs() {
        return logs;
    }

    public List<Witness> witnesses() {
        return List.copyOf(witnesses.values());
    }

    public String quorum() {
        return quorum;
    }

    /** Whether the witnesses named in {@code cosigned} satisfy the quorum. */
    public boolean satisfiedBy(Set<String> cosigned) {
        return quorum.equals(NONE) || witnessed(quorum, cosigned);
    }

    private boolean witnessed(String name, Set<String> cosigned) {
        Group group = groups.get(name);
        if (group == null) {
            return cosigned.contains(name);
        }
        long count =
                group.members().stream().filter(m -> witnessed(m, cosigned)).count();
        return count >= group.threshold();
    }

    /**
     * The witnesses of this policy whose valid cosignature {@code note} carries. Unknown signatures are
     * ignored; a line by a known witness that does not verify rejects the note, as for log signatures.
     *
     * @return witness name to cosignature timestamp
     */
    public Map<String, Long> cosignatures(SignedNote note) {
        Map<String, Long> valid = new LinkedHashMap<>();
        for (Witness w : witnesses.values()) {
            for (NoteSignature s : note.signatures()) {
                if (w.key().matches(s) && !valid.containsKey(w.name())) {
                    try {
                        valid.put(w.name(), w.key().verify(note.text(), s));
                    } catch (VerificationException e) {
                        throw new AuditFailure(BAD_SIGNATURE, e.getMessage() + " (" + w.name() + ")", e);
                    }
                }
            }
        }
        return valid;
    }

    /**
     * Checks {@code note} (whose log signature the caller verified) carries the quorum's cosignatures.
     *
     * @return the witnesses that cosigned
     * @throws AuditFailure {@code BELOW_QUORUM} when they are not enough
     */
    public Map<String, Long> requireQuorum(SignedNote note) {
        Map<String, Long> cosigned = cosignatures(note);
        if (!satisfiedBy(cosigned.keySet())) {
            throw new AuditFailure(
                    BELOW_QUORUM,
                    "cosigned by " + cosigned.size() + " witness(es) " + cosigned.keySet()
                            + ", which does not meet the policy's quorum " + quorum);
        }
        return cosigned;
    }

    /** Whether the policy lists {@code key} as a log (a policy without log lines lists every log). */
    public boolean listsLog(NoteVerifier key) {
        return logs.isEmpty() || logs.stream().anyMatch(l -> l.key().equals(key));
    }

    /** The policy file. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Log l : logs) {
            out.append("log ").append(l.key().encoded());
            if (l.url() != null) {
                out.append(' ').append(l.url());
            }
            out.append('\n');
        }
        for (Witness w : witnesses.values()) {
            out.append("witness ").append(w.name()).append(' ').append(w.key().encoded());
            if (w.url() != null) {
                out.append(' ').append(w.url());
            }
            out.append('\n');
        }
        for (Group g : groups.values()) {
            out.append("group ").append(g.name()).append(' ').append(g.threshold());
            g.members().forEach(m -> out.append(' ').append(m));
            out.append('\n');
        }
        return out.append("quorum ").append(quorum).append('\n').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustPolicy p && p.text().equals(text());
    }

    @Override
    public int hashCode() {
        return Objects.hash(text());
    }

    @Override
    public String toString() {
        return text();
    }
}
