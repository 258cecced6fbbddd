package org.comity.casework.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.comity.shared.Violation;

/**
 * What may be attached to a request: the document types central authorities exchange, each checked
 * against the file's first bytes, so a declared PDF that is really an executable is refused.
 */
public final class AttachmentPolicy {

    /** Content type → the bytes a file of that type starts with (empty: text, checked differently). */
    private static final Map<String, byte[][]> SIGNATURES = Map.of(
            "application/pdf", new byte[][] {"%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII)},
            "image/png", new byte[][] {{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}},
            "image/jpeg", new byte[][] {{(byte) 0xff, (byte) 0xd8, (byte) 0xff}},
            "image/tiff", new byte[][] {{'I', 'I', 42, 0}, {'M', 'M', 0, 42}},
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", new byte[][] {{'P', 'K', 3, 4}},
            "application/vnd.oasis.opendocument.text", new byte[][] {{'P', 'K', 3, 4}},
            "text/plain", new byte[0][]);

    private AttachmentPolicy() {}

    public static List<String> allowedTypes() {
        return SIGNATURES.keySet().stream().sorted().toList();
    }

    /** Every problem with an upload, at once; empty when it may be stored. */
    public static List<Violation> check(String fileName, String contentType, byte[] content, long maxBytes) {
        var problems = new ArrayList<Violation>();
        if (fileName == null
                || fileName.isBlank()
                || fileName.length() > 255
                || fileName.matches(".*[/\\\\\\x00-\\x1f].*")) {
            problems.add(new Violation(
                    "file", "file-name", "a file name of 1 to 255 characters, without path or control characters"));
        }
        if (content == null || content.length == 0) {
            problems.add(new Violation("file", "empty-file", "the file is empty"));
            return problems;
        }
        if (content.length > maxBytes) {
            problems.add(new Violation("file", "file-too-large", "at most " + maxBytes + " bytes"));
        }
        var type = contentType == null
                ? ""
                : contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        var signatures = SIGNATURES.get(type);
        if (signatures == null) {
            problems.add(new Violation("file", "content-type", "allowed types: " + String.join(", ", allowedTypes())));
        } else if (!matches(type, signatures, content)) {
            problems.add(new Violation("file", "content-mismatch", "the file's content is not " + type));
        }
        return problems;
    }

    private static boolean matches(String type, byte[][] signatures, byte[] content) {
        if (signatures.length == 0) {
            // Text: no NUL bytes in the first kilobytes.
            for (int i = 0; i < Math.min(content.length, 8192); i++) {
                if (content[i] == 0) {
                    return false;
                }
            }
            return true;
        }
        for (byte[] signature : signatures) {
            if (content.length >= signature.length
                    && Arrays.equals(Arrays.copyOf(content, signature.length), signature)) {
                return true;
            }
        }
        return false;
    }
}
