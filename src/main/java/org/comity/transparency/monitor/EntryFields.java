package org.comity.transparency.monitor;

import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.domain.monitor.EntryReader;
import org.comity.transparency.domain.monitor.PairedEntry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the keys a pair is judged on from an entry's JSON, and its optional {@code pairing} token.
 * Deliberately not {@code LogEntry.parse}: the monitor reads other States' logs, which may carry keys
 * this node's version does not know yet; the leaf hashes are checked against the root regardless.
 */
public final class EntryFields implements EntryReader {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public @Nullable PairedEntry read(long index, byte[] entry) {
        JsonNode root;
        try {
            root = JSON.readTree(entry);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject() || root.path("v").asInt(0) < 1) {
            throw new IllegalArgumentException("not a versioned entry object");
        }
        JsonNode pairing = root.get("pairing");
        if (pairing == null || pairing.isNull()) {
            return null;
        }
        List<String> legalBasis = new ArrayList<>();
        for (JsonNode code : root.path("legalBasis")) {
            legalBasis.add(code.asString());
        }
        JsonNode outcome = root.get("outcome");
        return new PairedEntry(
                index,
                pairing.asString(),
                text(root, "event"),
                text(root, "requesting"),
                text(root, "requested"),
                text(root, "kind"),
                legalBasis,
                text(root, "day"),
                outcome == null || outcome.isNull() ? null : outcome.asString());
    }

    private static String text(JsonNode root, String key) {
        JsonNode value = root.get(key);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value.asString();
    }
}
