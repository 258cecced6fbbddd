package org.comity.transparency.domain.witness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.domain.Encoding;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.note.SignedNote;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: {@code old <size>}, at most 63
 * consistency proof lines (base64 hashes), an empty line, then the signed checkpoint.
 */
public record AddCheckpoint(long oldSize, List<Hash> proof, SignedNote checkpoint) {

    public static final int MAX_PROOF_LINES = 63;

    public AddCheckpoint {
        if (oldSize < 0) {
            throw new FormatException("old size must not be negative");
        }
        proof = List.copyOf(proof);
        if (proof.size() > MAX_PROOF_LINES) {
            throw new FormatException("at most " + MAX_PROOF_LINES + " consistency proof lines");
        }
    }

    public static AddCheckpoint parse(byte[] body) {
        if (body.length > SignedNote.MAX_BYTES + 4096) {
            throw new FormatException("request body too large");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        int blank = text.indexOf("\n\n");
        if (blank < 0) {
            throw new FormatException("no empty line before the checkpoint");
        }
        String[] lines = text.substring(0, blank).split("\n", -1);
        if (!lines[0].startsWith("old ")) {
            throw new FormatException("the first line must be 'old <size>'");
        }
        long oldSize = Encoding.decimal(lines[0].substring(4), "old size");
        if (lines.length - 1 > MAX_PROOF_LINES) {
            throw new FormatException("at most " + MAX_PROOF_LINES + " consistency proof lines");
        }
        List<Hash> proof = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            proof.add(Hash.fromBase64(lines[i]));
        }
        return new AddCheckpoint(oldSize, proof, SignedNote.parse(tail(body, blank)));
    }

    // The checkpoint's bytes after the empty line, decoded strictly by SignedNote.
    private static byte[] tail(byte[] body, int blankCharIndex) {
        // The header is ASCII (decimal and base64), so its char index is its byte index.
        int from = blankCharIndex + 2;
        return java.util.Arrays.copyOfRange(body, from, body.length);
    }

    public byte[] body() {
        StringBuilder out = new StringBuilder("old ").append(oldSize).append('\n');
        proof.forEach(h -> out.append(h.base64()).append('\n'));
        return out.append('\n').append(checkpoint.serialize()).toString().getBytes(StandardCharsets.UTF_8);
    }
}
