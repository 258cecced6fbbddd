package org.comity.jurisdiction.domain;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.ConductEntry;

/**
 * The closed vocabulary of conduct codes ({@code jurisdiction/conduct.yaml}). Profiles may only use
 * these codes, so two States' catalogues always speak the same language.
 */
public final class ConductVocabulary {

    private final Map<ConductCode, ConductEntry> entries;
    private final List<ConductEntry> listed;

    /** The entries in the order the vocabulary file lists them. */
    public ConductVocabulary(Collection<ConductEntry> entries) {
        var map = new LinkedHashMap<ConductCode, ConductEntry>();
        for (ConductEntry entry : entries) {
            if (map.put(entry.code(), entry) != null) {
                throw new IllegalArgumentException("conduct code listed twice: " + entry.code());
            }
        }
        this.entries = Map.copyOf(map);
        this.listed = List.copyOf(map.values());
    }

    public boolean knows(ConductCode code) {
        return entries.containsKey(code);
    }

    public ConductEntry entry(ConductCode code) {
        var entry = entries.get(code);
        if (entry == null) {
            throw new IllegalArgumentException("unknown conduct code " + code);
        }
        return entry;
    }

    /** The Convention's categories first, each group by code. */
    public List<ConductEntry> byCode() {
        return listed.stream()
                .sorted(Comparator.comparing((ConductEntry e) -> !e.convention())
                        .thenComparing(e -> e.code().value()))
                .toList();
    }

    /**
     * As the vocabulary file lists them: the Convention's categories in the order of its articles, then
     * the others by theme.
     */
    public List<ConductEntry> listed() {
        return listed;
    }
}
