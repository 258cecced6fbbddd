package org.comity.transparency.web;

import java.util.List;
import java.util.Locale;
import org.comity.transparency.LogEntry;
import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.VerificationException;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InclusionProof;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.treaty.Treaties;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * One entry of the log: its metadata in words, its leaf hash, and its inclusion proof against the
 * latest checkpoint, step by step. The page says "verified" only after the domain verifier has
 * checked the checkpoint's signature with the log's key and the proof against the signed root; any
 * failure is shown as such. Links download the receipt and the entry's exact bytes for the CLI.
 */
@Controller
class LogEntryPage {

    private final TransparencyLog log;
    private final MessageSource messages;
    private final Treaties treaties;

    LogEntryPage(TransparencyLog log, MessageSource messages, Treaties treaties) {
        this.log = log;
        this.messages = messages;
        this.treaties = treaties;
    }

    /** One hashing step of the proof: the sibling, on which side it goes, and the hash it yields. */
    record Step(int number, String sibling, boolean siblingOnLeft, String result) {}

    @GetMapping("/log/entries/{index}")
    String page(@PathVariable long index, Model model, Locale locale) {
        byte[] bytes = log.entry(index);
        var entry = LogEntry.parse(bytes);
        var note = log.checkpoint();
        Hash leaf = MerkleTree.leafHash(bytes);
        model.addAttribute("index", index);
        model.addAttribute("row", new Words(messages, locale, treaties).row(index, entry.metadata()));
        model.addAttribute("commitment", entry.commitment());
        model.addAttribute("entryJson", new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        model.addAttribute("leafHash", leaf.hex());
        model.addAttribute("note", note.serialize());
        model.addAttribute("verifierKey", log.verifierKey());
        String node = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        model.addAttribute(
                "cli",
                "java -jar comity.jar log verify --node " + node + " --key " + log.verifierKey() + " \\\n"
                        + "    --receipt entry-" + index + ".tlog-proof --entry entry-" + index + ".json");

        Checkpoint checkpoint = Checkpoint.parse(note.text());
        model.addAttribute("checkpoint", checkpoint);
        String failure = null;
        List<Step> steps = List.of();
        try {
            // The signature first: a proof against an unsigned root proves nothing.
            checkpoint = TrustedLog.of(log.verifier()).verify(note);
            InclusionProof proof = log.inclusionProof(index, checkpoint.size());
            steps = steps(proof, leaf);
            proof.verify(leaf, checkpoint.root());
        } catch (VerificationException e) {
            failure = e.failure().name() + ": " + e.getMessage();
        }
        model.addAttribute("steps", steps);
        model.addAttribute("verified", failure == null);
        model.addAttribute("failure", failure);
        return "transparency/entry";
    }

    /** The entry's exact bytes: the Merkle leaf, as the CLI's {@code --entry} reads it. */
    @GetMapping("/log/entries/{index}/entry")
    ResponseEntity<byte[]> bytes(@PathVariable long index) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("entry-" + index + ".json")
                                .build()
                                .toString())
                .body(log.entry(index));
    }

    /** The proof's steps as the page shows them, numbered; computed by the domain, not here. */
    static List<Step> steps(InclusionProof proof, Hash leaf) {
        var domain = proof.steps(leaf);
        return java.util.stream.IntStream.range(0, domain.size())
                .mapToObj(i -> new Step(
                        i + 1,
                        domain.get(i).sibling().hex(),
                        domain.get(i).siblingOnLeft(),
                        domain.get(i).result().hex()))
                .toList();
    }
}
