package org.comity.safeguards.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.comity.treaty.Citation;

/**
 * The citations each rule shows, by key ({@code persecution}, {@code dual-criminality}), resolved
 * through the treaty articles catalogue when the node starts. Rules name keys, never article numbers,
 * so a corrected number is a one-line change in {@code safeguards/citations.yaml}.
 */
public final class Citations {

    /** Beyond this many remembered lookups the memo starts again (packs imported over time add keys). */
    private static final int LOOKUPS_KEPT = 1024;

    private final Map<String, List<Citation>> byKey;
    private final String fingerprint;

    /**
     * Resolved citations by instrument and key list. The keys are a rule's constants and the file never
     * changes once loaded, so each rule's list resolves to the same citations on every assessment;
     * resolving them again was some 6 % of the abusive benchmark request (JFR, issue 18).
     */
    private final Map<Lookup, List<Citation>> resolved = new java.util.concurrent.ConcurrentHashMap<>();

    public Citations(Map<String, List<Citation>> byKey) {
        var copy = new TreeMap<String, List<Citation>>();
        byKey.forEach((k, v) -> {
            if (v.isEmpty()) {
                throw new IllegalArgumentException("citation key " + k + " cites nothing");
            }
            int at = k.indexOf('@');
            if (at >= 0 && !byKey.containsKey(k.substring(0, at))) {
                throw new IllegalArgumentException("citation key " + k + " varies a key the file lacks");
            }
            copy.put(k, List.copyOf(v));
        });
        this.byKey = java.util.Collections.unmodifiableMap(copy);
        this.fingerprint = fingerprint(copy);
    }

    /** The citations of the keys, in order, without repeats; throws for a key the file lacks. */
    public List<Citation> of(String... keys) {
        var all = new ArrayList<Citation>();
        for (String key : keys) {
            var cited = byKey.get(key);
            if (cited == null) {
                throw new IllegalStateException("no citation key '" + key + "' in safeguards/citations.yaml");
            }
            cited.stream().filter(c -> !all.contains(c)).forEach(all::add);
        }
        return all;
    }

    /**
     * The citations of the keys for a request under {@code instrument}: {@code key@instrument} where the
     * file has it, else {@code key} (what UN Convention requests cite).
     */
    public List<Citation> forInstrument(String instrument, List<String> keys) {
        var lookup = new Lookup(instrument, keys);
        var known = resolved.get(lookup);
        if (known != null) {
            return known;
        }
        if (resolved.size() >= LOOKUPS_KEPT) {
            resolved.clear();
        }
        var computed = List.copyOf(of(keys.stream()
                .map(k -> instrument != null && byKey.containsKey(k + "@" + instrument) ? k + "@" + instrument : k)
                .toArray(String[]::new)));
        resolved.put(lookup, computed);
        return computed;
    }

    private record Lookup(String instrument, List<String> keys) {}

    public boolean has(String key) {
        return byKey.containsKey(key);
    }

    public Map<String, List<Citation>> all() {
        return byKey;
    }

    public String fingerprint() {
        return fingerprint;
    }

    private static String fingerprint(Map<String, List<Citation>> byKey) {
        var text = new StringBuilder();
        byKey.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            var digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
