package org.comity.transparency.domain.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.comity.transparency.domain.Encoding;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.note.NoteSigner;
import org.comity.transparency.domain.note.SignedNote;

/** The note text of a checkpoint: origin, decimal tree size, base64 root, extension lines. */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {

    public Checkpoint {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(root, "root");
        checkLine(origin, "origin");
        if (size < 0) {
            throw new FormatException("tree size must not be negative");
        }
        extensions = List.copyOf(extensions);
        extensions.forEach(e -> checkLine(e, "extension line"));
    }

    public Checkpoint(String origin, long size, Hash root) {
        this(origin, size, root, List.of());
    }

    private static void checkLine(String line, String what) {
        if (line.isEmpty()) {
            throw new FormatException(what + " must not be empty");
        }
        if (line.chars().anyMatch(c -> c < 0x20)) {
            throw new FormatException(what + " must not contain control characters or newlines");
        }
    }

    /** Parses checkpoint note text (normally {@code VerifiedNote.text()}). */
    public static Checkpoint parse(String text) {
        if (!text.endsWith("\n")) {
            throw new FormatException("checkpoint text must end with a newline");
        }
        List<String> lines = Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
        if (lines.size() < 3) {
            throw new FormatException("checkpoint needs origin, size and root lines");
        }
        return new Checkpoint(
                lines.get(0),
                Encoding.decimal(lines.get(1), "tree size"),
                Hash.fromBase64(lines.get(2)),
                new ArrayList<>(lines.subList(3, lines.size())));
    }

    /** The note text: every line ends in a newline. */
    public String text() {
        StringBuilder out = new StringBuilder()
                .append(origin)
                .append('\n')
                .append(size)
                .append('\n')
                .append(root.base64())
                .append('\n');
        extensions.forEach(e -> out.append(e).append('\n'));
        return out.toString();
    }

    /** Signs this checkpoint. The log must only sign trees consistent with all it signed before. */
    public SignedNote sign(NoteSigner... signers) {
        return SignedNote.sign(text(), signers);
    }
}
