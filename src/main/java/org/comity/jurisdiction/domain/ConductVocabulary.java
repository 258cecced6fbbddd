package org.comity.jurisdiction.domain;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.comity.jurisdiction.ConductCode;

/**
 * The closed vocabulary of conduct codes ({@code jurisdiction/conduct.yaml}). Profiles may only use
 * these codes, so two States' catalogues always speak the same language.
 */
public final class ConductVocabulary {

    /** One entry; {@code citation} is the articles-catalogue key for convention categories. */
    public record Entry(ConductCode code, String title, boolean convention, Optional<String> citation) {}

    private final Map<ConductCode, Entry> entries;

    public ConductVocabulary(Collection<Entry> entries) {
        var map = new LinkedHashMap<ConductCode, Entry>();
        for (Entry entry : entries) {
            if (map.put(entry.code(), entry) != null) {
                throw new IllegalArgumentException("conduct code listed twice: " + entry.code());
            }
        }
        this.entries = Map.copyOf(map);
    }

    public boolean knows(ConductCode code) {
        return entries.containsKey(code);
    }

    public Entry entry(ConductCode code) {
        var entry = entries.get(code);
        if (entry == null) {
            throw new IllegalArgumentException("unknown conduct code " + code);
        }
        return entry;
    }

    public Collection<Entry> entries() {
        return entries.values().stream()
                .sorted(java.util.Comparator.comparing((Entry e) -> !e.convention())
                        .thenComparing(e -> e.code().value()))
                .toList();
    }
}
