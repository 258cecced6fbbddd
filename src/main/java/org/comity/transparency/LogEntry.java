package org.comity.transparency;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.comity.shared.CountryCode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One log entry: the public metadata of an event and the commitment to its confidential record,
 * encoded as RFC 8785 canonical JSON (keys sorted, no white space, minimal escapes). The encoding is
 * the leaf: {@link #parse} accepts only the exact bytes {@link #bytes} produces, so one entry has one
 * leaf hash. Format version 1 ({@code "v":1}).
 */
public record LogEntry(PublicMetadata metadata, Commitment commitment) {

    public static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> KEYS = Set.of(
            "basis",
            "commitment",
            "day",
            "emergency",
            "event",
            "evidence",
            "kind",
            "legalBasis",
            "offenceCategories",
            "outcome",
            "pairing",
            "refusalGrounds",
            "requested",
            "requesting",
            "v");

    public LogEntry {
        java.util.Objects.requireNonNull(metadata, "metadata");
        java.util.Objects.requireNonNull(commitment, "commitment");
    }

    /**
     * The canonical JSON bytes: the Merkle leaf. Members in RFC 8785 order (UTF-16 code units). Written
     * straight into a byte array rather than a {@code StringBuilder} turned into a {@code String} and
     * then encoded: an entry was copied four times (the builder grew past its first capacity, then
     * {@code toString} and {@code getBytes}), most of what building one allocated (issue 18).
     */
    public byte[] bytes() {
        PublicMetadata m = metadata;
        Utf8 out = SCRATCH.get();
        out.length = 0;
        out.ascii("{");
        // "basis" sorts before "commitment"; it is left out when absent, so entries without one are
        // byte for byte what they were before the key existed.
        if (m.basis() != null) {
            out.ascii("\"basis\":");
            out.string(m.basis());
            out.ascii(",");
        }
        out.ascii("\"commitment\":{\"disclose\":");
        out.date(commitment.disclose());
        out.ascii(",\"sha256\":");
        out.string(commitment.sha256());
        out.ascii("},\"day\":");
        out.date(m.day());
        out.ascii(m.emergency() ? ",\"emergency\":true" : ",\"emergency\":false");
        out.ascii(",\"event\":");
        out.string(m.event().code());
        // "evidence" sorts between "event" and "kind"; only evidence events carry it.
        if (m.evidence() != null) {
            out.ascii(",\"evidence\":");
            out.string(m.evidence());
        }
        out.ascii(",\"kind\":");
        out.string(m.kind());
        out.ascii(",\"legalBasis\":");
        out.array(m.legalBasis());
        out.ascii(",\"offenceCategories\":");
        out.array(m.offenceCategories());
        if (m.outcome() != null) {
            out.ascii(",\"outcome\":");
            out.string(m.outcome().code());
        }
        // Like "basis": absent unless the request travelled between nodes, so older entries keep their bytes.
        if (m.pairing() != null) {
            out.ascii(",\"pairing\":");
            out.string(m.pairing());
        }
        out.ascii(",\"refusalGrounds\":");
        out.array(m.refusalGrounds());
        out.ascii(",\"requested\":");
        out.string(m.requested().value());
        out.ascii(",\"requesting\":");
        out.string(m.requesting().value());
        out.ascii(",\"v\":" + VERSION + "}");
        return out.toBytes();
    }

    /**
     * One buffer per thread, reused: only the finished entry is a new array. Nothing in {@link #bytes}
     * can call it again while the buffer is in use.
     */
    private static final ThreadLocal<Utf8> SCRATCH = ThreadLocal.withInitial(() -> new Utf8(512));

    /** A growing UTF-8 byte buffer with the JSON string escapes of RFC 8785. */
    private static final class Utf8 {

        private byte[] bytes;
        private int length;

        Utf8(int capacity) {
            bytes = new byte[capacity];
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        /** Appends text known to be ASCII without escapes (the encoder's own punctuation and keys). */
        void ascii(String text) {
            room(text.length());
            for (int i = 0; i < text.length(); i++) {
                bytes[length++] = (byte) text.charAt(i);
            }
        }

        /** {@code "yyyy-mm-dd"}, as {@link LocalDate#toString} writes it, without building that string. */
        void date(LocalDate day) {
            int year = day.getYear();
            if (year < 1000 || year > 9999) {
                ascii("\"" + day + "\""); // a sign or a fifth digit: toString's own form
                return;
            }
            room(12);
            bytes[length++] = '"';
            digits(year, 4);
            bytes[length++] = '-';
            digits(day.getMonthValue(), 2);
            bytes[length++] = '-';
            digits(day.getDayOfMonth(), 2);
            bytes[length++] = '"';
        }

        private void digits(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                bytes[length + i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += count;
        }

        void array(List<String> values) {
            ascii("[");
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    ascii(",");
                }
                string(values.get(i));
            }
            ascii("]");
        }

        // RFC 8785 §3.2.2.2: only '"', '\\' and control characters are escaped, with the short forms;
        // everything else is the character in UTF-8.
        void string(String value) {
            room(value.length() + 2);
            bytes[length++] = '"';
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> ascii("\\\"");
                    case '\\' -> ascii("\\\\");
                    case '\b' -> ascii("\\b");
                    case '\f' -> ascii("\\f");
                    case '\n' -> ascii("\\n");
                    case '\r' -> ascii("\\r");
                    case '\t' -> ascii("\\t");
                    default -> {
                        if (c < 0x20) {
                            ascii(String.format("\\u%04x", (int) c));
                        } else if (c < 0x80) {
                            room(1);
                            bytes[length++] = (byte) c;
                        } else {
                            // A surrogate pair is encoded as one code point; a lone surrogate as '?',
                            // as String.getBytes(UTF_8) did.
                            int end = Character.isHighSurrogate(c)
                                            && i + 1 < value.length()
                                            && Character.isLowSurrogate(value.charAt(i + 1))
                                    ? i + 2
                                    : i + 1;
                            byte[] encoded = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
                            room(encoded.length);
                            System.arraycopy(encoded, 0, bytes, length, encoded.length);
                            length += encoded.length;
                            i = end - 1;
                        }
                    }
                }
            }
            room(1);
            bytes[length++] = '"';
        }

        byte[] toBytes() {
            return java.util.Arrays.copyOf(bytes, length);
        }
    }

    /**
     * Parses an entry and checks it is in canonical form.
     *
     * @throws IllegalArgumentException if the bytes are not exactly a canonical version-1 entry
     */
    public static LogEntry parse(byte[] bytes) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("entry is not JSON", e);
        }
        if (root == null || !root.isObject() || !KEYS.containsAll(root.propertyNames())) {
            throw new IllegalArgumentException("entry is not a version-1 log entry object");
        }
        if (root.path("v").longValue(-1) != VERSION) {
            throw new IllegalArgumentException("unsupported entry version");
        }
        try {
            JsonNode c = root.path("commitment");
            String outcome = text(root, "outcome", true);
            LogEntry entry = new LogEntry(
                    new PublicMetadata(
                            EventType.fromCode(text(root, "event", false)),
                            new CountryCode(text(root, "requesting", false)),
                            new CountryCode(text(root, "requested", false)),
                            text(root, "kind", false),
                            codes(root, "legalBasis"),
                            codes(root, "offenceCategories"),
                            bool(root, "emergency"),
                            outcome == null ? null : Outcome.fromCode(outcome),
                            codes(root, "refusalGrounds"),
                            LocalDate.parse(text(root, "day", false)),
                            text(root, "basis", true),
                            text(root, "pairing", true),
                            text(root, "evidence", true)),
                    new Commitment(text(c, "sha256", false), LocalDate.parse(text(c, "disclose", false))));
            if (!java.util.Arrays.equals(entry.bytes(), bytes)) {
                throw new IllegalArgumentException("entry is not in canonical form");
            }
            return entry;
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("entry has a malformed field", e);
        }
    }

    private static String text(JsonNode node, String name, boolean optional) {
        JsonNode value = node.get(name);
        if (value == null && optional) {
            return null;
        }
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException("entry field " + name + " must be a string");
        }
        return value.stringValue();
    }

    private static boolean bool(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isBoolean()) {
            throw new IllegalArgumentException("entry field " + name + " must be a boolean");
        }
        return value.booleanValue();
    }

    private static List<String> codes(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("entry field " + name + " must be an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw new IllegalArgumentException("entry field " + name + " must hold strings");
            }
            out.add(item.stringValue());
        }
        return out;
    }
}
