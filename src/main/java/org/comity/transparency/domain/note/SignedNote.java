package org.comity.transparency.domain.note;

import static org.comity.transparency.domain.VerificationException.Failure.INVALID_SIGNATURE;
import static org.comity.transparency.domain.VerificationException.Failure.NO_TRUSTED_SIGNATURE;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.comity.transparency.domain.Encoding;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.VerificationException;

/**
 * A signed note: text ending in a newline, a blank line, and one or more signature lines. Parsing
 * only checks the format; the text must not be used before {@link #verify} succeeds.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    /** Go's limit; the spec asks verifiers to accept at least 16. */
    public static final int MAX_SIGNATURES = 100;

    /** Upper bound on a whole serialised note, checked before any parsing work. */
    public static final int MAX_BYTES = 1 << 20;

    static final String SIGNATURE_PREFIX = "\u2014 ";

    public SignedNote {
        checkText(text);
        if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
            throw new FormatException("a note has 1 to " + MAX_SIGNATURES + " signatures");
        }
        signatures = List.copyOf(signatures);
    }

    /** Signs {@code text} with each signer, in order. */
    public static SignedNote sign(String text, NoteSigner... signers) {
        return new SignedNote(
                text, Arrays.stream(signers).map(s -> s.sign(text)).toList());
    }

    /** This note with one more signature, e.g. a witness cosignature. */
    public SignedNote withSignature(NoteSignature signature) {
        List<NoteSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new SignedNote(text, all);
    }

    /** Parses a note received as bytes: they must be strict UTF-8. */
    public static SignedNote parse(byte[] note) {
        if (note.length > MAX_BYTES) {
            throw new FormatException("note is larger than " + MAX_BYTES + " bytes");
        }
        try {
            return parse(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(note))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new FormatException("note is not valid UTF-8", e);
        }
    }

    public static SignedNote parse(String note) {
        if (note.length() > MAX_BYTES) {
            throw new FormatException("note is larger than " + MAX_BYTES + " bytes");
        }
        checkCharacters(note);
        // The text may contain blank lines; the last one separates it from the signatures.
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new FormatException("note has no blank line before its signatures");
        }
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty() || !block.endsWith("\n")) {
            throw new FormatException("note must end with signature lines, each ending in a newline");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
            if (signatures.size() == MAX_SIGNATURES) {
                throw new FormatException("note has more than " + MAX_SIGNATURES + " signatures");
            }
            signatures.add(parseLine(line));
        }
        return new SignedNote(text, signatures);
    }

    private static NoteSignature parseLine(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new FormatException("signature line must start with an em dash and a space");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new FormatException("signature line must be '— <name> <signature>'");
        }
        String name = rest.substring(0, space);
        byte[] blob = Encoding.base64(rest.substring(space + 1), "signature");
        if (blob.length < 5) {
            throw new FormatException("signature must hold a key id and at least one byte");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        int keyId = b.getInt();
        byte[] signature = new byte[b.remaining()];
        b.get(signature);
        return new NoteSignature(name, keyId, signature);
    }

    /**
     * Checks the signatures against the {@code known} keys. Signatures by unknown keys (name and key
     * id not both matching a known key) are ignored, as the spec requires; a signature by a known key
     * that does not verify rejects the whole note, as the spec recommends.
     *
     * @return the text, vouched for by the known keys that signed it
     * @throws VerificationException if no known key signed, or a known key's signature is invalid
     */
    public VerifiedNote verify(Collection<NoteVerifier> known) {
        Map<String, NoteVerifier> byId = new HashMap<>();
        for (NoteVerifier v : known) {
            if (byId.put(v.name() + "+" + v.keyId(), v) != null) {
                throw new IllegalArgumentException("two known keys share name and key id: " + v.name());
            }
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        Set<NoteVerifier> verified = new HashSet<>();
        List<NoteVerifier> inOrder = new ArrayList<>();
        for (NoteSignature s : signatures) {
            NoteVerifier v = byId.get(s.keyName() + "+" + s.keyId());
            if (v == null || verified.contains(v)) {
                continue;
            }
            if (!v.accepts(message, s.shared())) {
                throw new VerificationException(INVALID_SIGNATURE, "invalid signature by " + v.name());
            }
            verified.add(v);
            inOrder.add(v);
        }
        if (inOrder.isEmpty()) {
            throw new VerificationException(NO_TRUSTED_SIGNATURE, "note is not signed by any known key");
        }
        return new VerifiedNote(text, inOrder);
    }

    public VerifiedNote verify(NoteVerifier... known) {
        return verify(List.of(known));
    }

    /** The wire form. */
    public String serialize() {
        StringBuilder out = new StringBuilder(text).append('\n');
        signatures.forEach(s -> out.append(s.line()).append('\n'));
        return out.toString();
    }

    public byte[] bytes() {
        return serialize().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return serialize();
    }

    /** Note text: non-empty, ends in a newline, no control characters but newline, encodable. */
    static void checkText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new FormatException("note text must be non-empty and end with a newline");
        }
        checkCharacters(text);
    }

    private static void checkCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new FormatException("note contains a control character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new FormatException("note contains an unpaired surrogate");
            }
        }
    }
}
