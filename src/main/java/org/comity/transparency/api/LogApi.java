package org.comity.transparency.api;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import org.comity.shared.NotFound;
import org.comity.transparency.LogEntry;
import org.comity.transparency.LogStatistics;
import org.comity.transparency.Reveal;
import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InclusionProof;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON views of the log for people and tools that do not speak tlog-tiles: an entry, its inclusion
 * proof, a consistency proof, a receipt file, statistics, and commitment reveals. Hashes in proofs
 * are base64 as in tlog-proof; leaf hashes and commitments are hex.
 */
@RestController
@RequestMapping("/api/log")
class LogApi {

    private final TransparencyLog log;
    private final JsonMapper json;

    LogApi(TransparencyLog log, JsonMapper json) {
        this.log = log;
        this.json = json;
    }

    record LogInfo(String origin, String verifierKey, long size, String root, String checkpoint) {}

    record EntryView(long index, String leafHash, JsonNode entry, String entryBase64) {}

    record InclusionView(long index, long treeSize, String leafHash, List<String> hashes) {}

    record ConsistencyView(long from, long to, List<String> hashes) {}

    record RevealView(long index, String commitment, String salt, String record) {}

    @GetMapping
    LogInfo info() {
        var note = log.checkpoint();
        var checkpoint = Checkpoint.parse(note.text());
        return new LogInfo(
                log.origin(),
                log.verifierKey(),
                checkpoint.size(),
                checkpoint.root().base64(),
                note.serialize());
    }

    @GetMapping("/entries/{index}")
    EntryView entry(@PathVariable long index) {
        byte[] entry = log.entry(index);
        return new EntryView(
                index,
                TransparencyLog.leafHash(entry),
                json.readTree(entry),
                Base64.getEncoder().encodeToString(entry));
    }

    @GetMapping("/entries/{index}/proof")
    InclusionView inclusion(@PathVariable long index, @RequestParam(required = false) Long size) {
        long treeSize = size != null ? size : log.size();
        InclusionProof proof = log.inclusionProof(index, treeSize);
        return new InclusionView(index, treeSize, TransparencyLog.leafHash(log.entry(index)), base64(proof.hashes()));
    }

    @GetMapping("/consistency")
    ConsistencyView consistency(@RequestParam long from, @RequestParam(required = false) Long to) {
        long newSize = to != null ? to : log.size();
        ConsistencyProof proof = log.consistencyProof(from, newSize);
        return new ConsistencyView(from, newSize, base64(proof.hashes()));
    }

    @GetMapping("/entries/{index}/receipt")
    ResponseEntity<String> receipt(@PathVariable long index) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("entry-" + index + ".tlog-proof")
                                .build()
                                .toString())
                .body(log.receipt(index).serialize());
    }

    @GetMapping("/statistics")
    LogStatistics statistics(@RequestParam(defaultValue = "month") String period) {
        return log.statistics(granularity(period));
    }

    @GetMapping(value = "/statistics.csv", produces = "text/csv")
    ResponseEntity<String> statisticsCsv(@RequestParam(defaultValue = "month") String period) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(log.statistics(granularity(period)).toCsv());
    }

    private static LogStatistics.Granularity granularity(String period) {
        try {
            return LogStatistics.Granularity.fromCode(period);
        } catch (IllegalArgumentException e) {
            throw org.comity.shared.InvalidInput.of("period", "statistics-period", "use month or year");
        }
    }

    @GetMapping("/entries/{index}/reveal")
    RevealView reveal(@PathVariable long index) {
        return view(log.reveal(index).orElseThrow(() -> new NotFound("reveal of entry " + index)));
    }

    /** Publishes the opening of an entry's commitment; allowed from the disclosure date on. */
    @PostMapping("/entries/{index}/reveal")
    @PreAuthorize("hasRole('ADMIN')")
    RevealView publishReveal(@PathVariable long index, Principal principal) {
        return view(log.publishReveal(index, principal.getName()));
    }

    private RevealView view(Reveal reveal) {
        var entry = LogEntry.parse(log.entry(reveal.index()));
        reveal.verify(entry);
        return new RevealView(
                reveal.index(),
                entry.commitment().sha256(),
                Base64.getEncoder().encodeToString(reveal.salt()),
                Base64.getEncoder().encodeToString(reveal.record()));
    }

    private static List<String> base64(List<Hash> hashes) {
        return hashes.stream().map(Hash::base64).toList();
    }
}
