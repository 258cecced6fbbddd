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

    /** The canonical JSON bytes: the Merkle leaf. Members in RFC 8785 order (UTF-16 code units). */
    public byte[] bytes() {
        PublicMetadata m = metadata;
        StringBuilder out = new StringBuilder(320);
        out.append('{');
        // "basis" sorts before "commitment"; it is left out when absent, so entries without one are
        // byte for byte what they were before the key existed.
        if (m.basis() != null) {
            out.append("\"basis\":");
            string(out, m.basis());
            out.append(',');
        }
        out.append("\"commitment\":{\"disclose\":");
        string(out, commitment.disclose().toString());
        out.append(",\"sha256\":");
        string(out, commitment.sha256());
        out.append("},\"day\":");
        string(out, m.day().toString());
        out.append(",\"emergency\":").append(m.emergency());
        out.append(",\"event\":");
        string(out, m.event().code());
        // "evidence" sorts between "event" and "kind"; only evidence events carry it.
        if (m.evidence() != null) {
            out.append(",\"evidence\":");
            string(out, m.evidence());
        }
        out.append(",\"kind\":");
        string(out, m.kind());
        out.append(",\"legalBasis\":");
        array(out, m.legalBasis());
        out.append(",\"offenceCategories\":");
        array(out, m.offenceCategories());
        if (m.outcome() != null) {
            out.append(",\"outcome\":");
            string(out, m.outcome().code());
        }
        // Like "basis": absent unless the request travelled between nodes, so older entries keep their bytes.
        if (m.pairing() != null) {
            out.append(",\"pairing\":");
            string(out, m.pairing());
        }
        out.append(",\"refusalGrounds\":");
        array(out, m.refusalGrounds());
        out.append(",\"requested\":");
        string(out, m.requested().value());
        out.append(",\"requesting\":");
        string(out, m.requesting().value());
        out.append(",\"v\":").append(VERSION).append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void array(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, values.get(i));
        }
        out.append(']');
    }

    // RFC 8785 §3.2.2.2: only '"', '\\' and control characters are escaped, with the short forms.
    private static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
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
