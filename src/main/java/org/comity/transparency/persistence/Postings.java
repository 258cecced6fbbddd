package org.comity.transparency.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        // Per field, the code's offsets: keyed by the code alone, so an entry costs hash lookups and no
        // new strings (it was a TreeMap of prefix + code, seven concatenations and string comparisons
        // an entry, issue 18). The terms are made and sorted once per batch.
        List<Map<Object, Offsets>> fields = new ArrayList<>(PREFIXES.size());
        for (int f = 0; f < PREFIXES.size(); f++) {
            fields.add(new HashMap<>());
        }
        for (int i = 0; i < metas.size(); i++) {
            var m = metas.get(i);
            add(fields.get(0), m.requesting(), i);
            add(fields.get(1), m.requested(), i);
            add(fields.get(2), m.kind(), i);
            add(fields.get(3), m.event(), i);
            if (m.outcome() != null) {
                add(fields.get(4), m.outcome(), i);
            }
            for (String g : m.refusalGrounds()) {
                add(fields.get(5), g, i);
            }
            add(fields.get(6), m.day(), i);
        }
        // Sorted by term: rows go to the B-tree in its order (codes are ASCII, so String order is "C").
        var byTerm = new TreeMap<String, Offsets>();
        for (int f = 0; f < PREFIXES.size(); f++) {
            String prefix = PREFIXES.get(f);
            fields.get(f).forEach((code, offsets) -> byTerm.put(prefix + code, offsets));
        }
        int n = byTerm.size();
        var rows = new Rows(new String[n], new Long[n], new Long[n], new String[n]);
        int r = 0;
        for (var e : byTerm.entrySet()) {
            Offsets offsets = e.getValue();
            rows.terms()[r] = e.getKey();
            rows.first()[r] = batch + offsets.values[0];
            rows.last()[r] = batch + offsets.values[offsets.size - 1];
            rows.offsets()[r] = offsets.literal();
            r++;
        }
        return rows;
    }

    /** The field prefixes in the order {@link #of} fills its maps. */
    private static final List<String> PREFIXES = List.of(REQUESTING, REQUESTED, KIND, EVENT, OUTCOME, GROUND, DAY);

    /** Growing offsets of one term, without a boxed Integer each. */
    private static final class Offsets {
        private int[] values = new int[16];
        private int size;

        void add(int offset) {
            // A code appears at most once per entry (lists are sorted, without duplicates), but a State
            // can be both requesting and requested only under different prefixes: never twice here.
            if (size > 0 && values[size - 1] == offset) {
                return;
            }
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = offset;
        }

        /** An int[] literal, {@code {0,3,7}}. */
        String literal() {
            var out = new StringBuilder(size * 5 + 2).append('{');
            for (int j = 0; j < size; j++) {
                if (j > 0) {
                    out.append(',');
                }
                out.append(values[j]);
            }
            return out.append('}').toString();
        }
    }

    private static void add(Map<Object, Offsets> field, Object code, int offset) {
        field.computeIfAbsent(code, c -> new Offsets()).add(offset);
    }
}
