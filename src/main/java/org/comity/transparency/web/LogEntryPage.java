package org.comity.transparency.web;

import java.util.ArrayList;
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

    LogEntryPage(TransparencyLog log, MessageSource messages) {
        this.log = log;
        this.messages = messages;
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
        model.addAttribute("row", new Words(messages, locale).row(index, entry.metadata()));
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

    /**
     * The RFC 9162 §2.1.3.2 computation, step by step, for display only: whether the proof holds is
     * decided by {@link InclusionProof#verify}, never by these steps.
     */
    static List<Step> steps(InclusionProof proof, Hash leaf) {
        var steps = new ArrayList<Step>();
        long fn = proof.index();
        long sn = proof.treeSize() - 1;
        Hash r = leaf;
        int n = 1;
        for (Hash p : proof.hashes()) {
            if (sn == 0) {
                break;
            }
            boolean left = (fn & 1) == 1 || fn == sn;
            if (left) {
                r = MerkleTree.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleTree.nodeHash(r, p);
            }
            steps.add(new Step(n++, p.hex(), left, r.hex()));
            fn >>>= 1;
            sn >>>= 1;
        }
        return steps;
    }
}
