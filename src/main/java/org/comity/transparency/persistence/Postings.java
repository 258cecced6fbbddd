package org.comity.transparency.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The coarse index of one batch (V24, {@code log_posting}): for every public code its entries carry,
 * one row with the offsets (from the batch's first index) of the entries that carry it. A term is a
 * one-letter prefix naming the field and the code: {@code a:} requesting State, {@code b:} requested
 * State, {@code k:} kind, {@code e:} event, {@code o:} outcome, {@code g:} refusal ground, {@code d:}
 * day (ISO, so a range of days is a range of terms). Codes are closed-vocabulary ASCII, never text a
 * person typed.
 */
final class Postings {

    static final String REQUESTING = "a:";
    static final String REQUESTED = "b:";
    static final String KIND = "k:";
    static final String EVENT = "e:";
    static final String OUTCOME = "o:";
    static final String GROUND = "g:";
    static final String DAY = "d:";

    /** The rows of one batch as parallel arrays: term, first index, last index, offsets as an int[] literal. */
    record Rows(String[] terms, Long[] first, Long[] last, String[] offsets) {}

    private Postings() {}

    /** The exclusive upper bound of the terms with {@code prefix} (the prefix's last character plus one). */
    static String upperBound(String prefix) {
        return prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
    }

    static Rows of(long batch, List<JdbcLogStore.Meta> metas) {
        // Sorted by term: rows go to the B-tree in its order.
        var byTerm = new TreeMap<String, List<Integer>>();
        for (int i = 0; i < metas.size(); i++) {
            var m = metas.get(i);
            add(byTerm, REQUESTING + m.requesting(), i);
            add(byTerm, REQUESTED + m.requested(), i);
            add(byTerm, KIND + m.kind(), i);
            add(byTerm, EVENT + m.event(), i);
            if (m.outcome() != null) {
                add(byTerm, OUTCOME + m.outcome(), i);
            }
            for (String g : m.refusalGrounds()) {
                add(byTerm, GROUND + g, i);
            }
            add(byTerm, DAY + m.day(), i);
        }
        int n = byTerm.size();
        var rows = new Rows(new String[n], new Long[n], new Long[n], new String[n]);
        int r = 0;
        for (var e : byTerm.entrySet()) {
            List<Integer> offsets = e.getValue();
            var literal = new StringBuilder(offsets.size() * 5 + 2).append('{');
            for (int j = 0; j < offsets.size(); j++) {
                if (j > 0) {
                    literal.append(',');
                }
                literal.append(offsets.get(j));
            }
            rows.terms()[r] = e.getKey();
            rows.first()[r] = batch + offsets.getFirst();
            rows.last()[r] = batch + offsets.getLast();
            rows.offsets()[r] = literal.append('}').toString();
            r++;
        }
        return rows;
    }

    private static void add(TreeMap<String, List<Integer>> byTerm, String term, int offset) {
        List<Integer> offsets = byTerm.computeIfAbsent(term, t -> new ArrayList<>());
        // A code appears at most once per entry (lists are sorted, without duplicates), but a State can
        // be both requesting and requested only under different prefixes: never twice here.
        if (offsets.isEmpty() || offsets.getLast() != offset) {
            offsets.add(offset);
        }
    }
}
