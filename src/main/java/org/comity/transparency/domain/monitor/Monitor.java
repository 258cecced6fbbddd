package org.comity.transparency.domain.monitor;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.comity.transparency.domain.audit.AuditFailure;
import org.comity.transparency.domain.audit.LogAudit;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.CompactRange;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.HashReader;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.note.SignedNote;
import org.comity.transparency.domain.tiles.EntryBundleId;
import org.comity.transparency.domain.tiles.Tiles;

/**
 * One monitor round over several logs. For each log: fetch and verify its checkpoint, check the
 * served tiles produce its root, prove it consistent with the checkpoint verified before (a fork or a
 * rollback is a finding, and so is every witness of the policy that cosigned both), then read the new
 * entries from the bundles and check they produce the root too (a compact range resumed from the
 * tiles at the old size, so catching up costs one pass over the new bundles). Then match the new
 * entries' pairing tokens across the States' logs, and report entries still unmatched after the grace
 * period. A log that cannot be read or fails a check other than consistency is an error for this
 * round: its state is left as it was, and nothing is concluded about the entries waiting on it.
 */
public final class Monitor {

    /** The outcome of a round: the state to save, what was found, what could not be checked. */
    public record Round(MonitorState state, List<Finding> findings, List<String> errors, long entriesRead) {}

    private final EntryReader reader;
    private final Duration grace;

    public Monitor(EntryReader reader, Duration grace) {
        this.reader = Objects.requireNonNull(reader);
        if (grace.isNegative()) {
            throw new IllegalArgumentException("negative grace period");
        }
        this.grace = grace;
    }

    /** Whole days a counterpart's entry may trail its pair's: the grace, rounded up to days. */
    private long transitDays() {
        long days = grace.toDays();
        return grace.equals(Duration.ofDays(days)) ? days : days + 1;
    }

    public Round run(List<FollowedLog> logs, MonitorState state, Instant now) {
        Map<String, FollowedLog> byState = new HashMap<>();
        for (FollowedLog log : logs) {
            if (byState.put(log.state(), log) != null) {
                throw new IllegalArgumentException("two logs for " + log.state());
            }
        }
        Map<String, SignedNote> verified = new HashMap<>(state.verified());
        Map<String, SignedNote> reported = new HashMap<>(state.reported());
        List<Finding> findings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<FollowedLog, List<PairedEntry>> read = new LinkedHashMap<>();
        long entriesRead = 0;
        for (FollowedLog log : logs) {
            try {
                List<PairedEntry> paired = new ArrayList<>();
                entriesRead += follow(log, verified, reported, findings, paired, now);
                read.put(log, paired);
            } catch (RuntimeException e) {
                String code = e instanceof AuditFailure f ? " [" + f.code().code() + "]" : "";
                errors.add(log.origin() + ": " + e.getMessage() + code);
            }
        }
        List<MonitorState.Pending> pending = pair(byState, read, verified, state.pending(), findings, now);
        return new Round(new MonitorState(verified, reported, pending), findings, errors, entriesRead);
    }

    /** Checks one log and reads its new entries; returns how many, or 0 after an inconsistency. */
    private long follow(
            FollowedLog log,
            Map<String, SignedNote> verified,
            Map<String, SignedNote> reported,
            List<Finding> findings,
            List<PairedEntry> paired,
            Instant now) {
        LogAudit audit = new LogAudit(log.source());
        SignedNote note = audit.fetchCheckpoint();
        Checkpoint current = LogAudit.verifySignature(log.log(), note);
        HashReader tiles = audit.verifyTiles(current);
        SignedNote oldNote = verified.get(log.origin());
        Checkpoint old = oldNote == null ? null : LogAudit.verifySignature(log.log(), oldNote);
        if (old != null) {
            try {
                LogAudit.checkConsistent(old, current, tiles);
            } catch (AuditFailure f) {
                if (f.code() != AuditFailure.Code.FORKED && f.code() != AuditFailure.Code.ROLLED_BACK) {
                    throw f;
                }
                SignedNote last = reported.get(log.origin());
                if (last == null || !last.text().equals(note.text())) {
                    inconsistent(log, oldNote, old, note, current, tiles, f, findings, now);
                    reported.put(log.origin(), note);
                }
                return 0;
            }
        }
        long from = old == null ? 0 : old.size();
        CompactRange range = CompactRange.resume(tiles, from);
        for (long i = from; i < current.size(); ) {
            EntryBundleId bundle = Tiles.entryBundleFor(i, current.size());
            List<byte[]> entries = audit.entries(bundle);
            long first = bundle.index() * Tiles.WIDTH;
            for (int k = (int) (i - first); k < entries.size(); k++) {
                byte[] entry = entries.get(k);
                range.append(MerkleTree.leafHash(entry));
                PairedEntry p;
                try {
                    p = reader.read(first + k, entry);
                } catch (IllegalArgumentException e) {
                    throw new AuditFailure(
                            AuditFailure.Code.ENTRY_MALFORMED,
                            "entry " + (first + k) + " is not a valid log entry: " + e.getMessage(),
                            e);
                }
                if (p != null) {
                    paired.add(p);
                }
            }
            i = first + entries.size();
        }
        Hash root = range.root();
        if (!root.equals(current.root())) {
            throw new AuditFailure(
                    AuditFailure.Code.TILE_MISMATCH,
                    "the entries from size " + from + " do not produce the checkpoint's root");
        }
        verified.put(log.origin(), note);
        return current.size() - from;
    }

    private static void inconsistent(
            FollowedLog log,
            SignedNote oldNote,
            Checkpoint old,
            SignedNote note,
            Checkpoint current,
            HashReader tiles,
            AuditFailure failure,
            List<Finding> findings,
            Instant now) {
        List<String> proof = new ArrayList<>();
        if (old.size() > 0 && old.size() < current.size()) {
            ConsistencyProof.build(tiles, old.size(), current.size()).hashes().forEach(h -> proof.add(h.base64()));
        }
        List<String> checkpoints = List.of(text(oldNote), text(note));
        List<Long> sizes = List.of();
        findings.add(new Finding(
                Finding.Code.INCONSISTENT_CHECKPOINT,
                now,
                log.origin(),
                null,
                sizes,
                checkpoints,
                proof,
                null,
                List.of(),
                failure.code().code() + ": the checkpoint of size " + current.size()
                        + " is not consistent with the one of size " + old.size() + " verified before"));
        if (log.policy() == null) {
            return;
        }
        Set<String> before;
        Set<String> after;
        try {
            before = log.policy().cosignatures(oldNote).keySet();
            after = log.policy().cosignatures(note).keySet();
        } catch (AuditFailure bad) {
            // A cosignature line that does not verify is not evidence against its witness.
            return;
        }
        for (String witness : before) {
            if (after.contains(witness)) {
                findings.add(new Finding(
                        Finding.Code.WITNESS_COSIGNED_INCONSISTENT,
                        now,
                        log.origin(),
                        null,
                        sizes,
                        checkpoints,
                        proof,
                        witness,
                        List.of(),
                        "witness " + witness + " cosigned the checkpoints of size " + old.size() + " and "
                                + current.size() + ", which are not consistent"));
            }
        }
    }

    private List<MonitorState.Pending> pair(
            Map<String, FollowedLog> byState,
            Map<FollowedLog, List<PairedEntry>> read,
            Map<String, SignedNote> verified,
            List<MonitorState.Pending> before,
            List<Finding> findings,
            Instant now) {
        Map<String, MonitorState.Pending> waiting = new LinkedHashMap<>();
        before.forEach(p -> waiting.putIfAbsent(p.entry().pairKey(), p));
        read.forEach((log, entries) -> {
            for (PairedEntry entry : entries) {
                String other = counterpartState(log.state(), entry);
                if (other == null || !byState.containsKey(other)) {
                    continue; // nobody here can check it
                }
                MonitorState.Pending w = waiting.get(entry.pairKey());
                if (w == null) {
                    waiting.put(entry.pairKey(), new MonitorState.Pending(log.state(), log.origin(), now, entry));
                } else if (!w.side().equals(log.state())) {
                    waiting.remove(entry.pairKey());
                    List<String> differ = w.entry().differences(entry, transitDays());
                    if (!differ.isEmpty()) {
                        findings.add(new Finding(
                                Finding.Code.PAIR_DISAGREES,
                                now,
                                w.origin(),
                                log.origin(),
                                List.of(w.entry().index(), entry.index()),
                                checkpoints(verified, w.origin(), log.origin()),
                                List.of(),
                                null,
                                differ,
                                "entries " + w.entry().index() + " and " + entry.index() + " share pairing token "
                                        + entry.token() + " but differ in " + String.join(", ", differ)));
                    }
                }
                // A second entry of the same side with the same token is left waiting on the first.
            }
        });
        Set<String> readStates = new HashSet<>();
        read.keySet().forEach(l -> readStates.add(l.state()));
        List<MonitorState.Pending> still = new ArrayList<>();
        for (MonitorState.Pending w : waiting.values()) {
            String other = counterpartState(w.side(), w.entry());
            FollowedLog counterpart = other == null ? null : byState.get(other);
            if (counterpart == null) {
                continue; // its counterpart log is no longer followed
            }
            boolean overdue = !now.isBefore(due(w));
            if (overdue && readStates.contains(other) && verified.containsKey(counterpart.origin())) {
                findings.add(new Finding(
                        Finding.Code.UNPAIRED,
                        now,
                        w.origin(),
                        counterpart.origin(),
                        List.of(w.entry().index()),
                        checkpoints(verified, w.origin(), counterpart.origin()),
                        List.of(),
                        null,
                        List.of(),
                        "entry " + w.entry().index() + " (" + w.entry().event() + ", pairing token "
                                + w.entry().token() + ") has no counterpart in " + counterpart.origin()
                                + " after " + grace));
            } else {
                still.add(w);
            }
        }
        return still;
    }

    /**
     * When a waiting entry is overdue: the grace after the end of the entry's day, not after the
     * monitor first read it. Entries publish the day only, so the end of that day is the latest the
     * event can have happened: no entry is judged before it had its full grace, and every monitor
     * judges it at the same time, however late it met the log or after losing its state. An entry
     * whose day is not a date (the format allows no such entry) is counted from when it was read.
     */
    private Instant due(MonitorState.Pending w) {
        Instant from;
        try {
            from = java.time.LocalDate.parse(w.entry().day())
                    .plusDays(1)
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            from = w.seen();
        }
        return from.plus(grace);
    }

    private static String counterpartState(String side, PairedEntry entry) {
        if (side.equals(entry.requesting()) && !side.equals(entry.requested())) {
            return entry.requested();
        }
        if (side.equals(entry.requested()) && !side.equals(entry.requesting())) {
            return entry.requesting();
        }
        return null;
    }

    private static List<String> checkpoints(Map<String, SignedNote> verified, String... origins) {
        List<String> texts = new ArrayList<>();
        for (String origin : origins) {
            SignedNote note = verified.get(origin);
            if (note != null) {
                texts.add(text(note));
            }
        }
        return texts;
    }

    private static String text(SignedNote note) {
        return new String(note.bytes(), UTF_8);
    }
}
