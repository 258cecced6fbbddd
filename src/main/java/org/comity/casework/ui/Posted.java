package org.comity.casework.ui;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The parameters a content form posted, read by input name. */
record Posted(Map<String, List<String>> values) {

    /** Indexes with more digits are ignored: no form row count comes near them. */
    static final String INDEX = "\\[(\\d{1,4})\\]";

    @Nullable
    String one(String name) {
        var list = values.get(name);
        return list == null || list.isEmpty() ? null : list.getFirst();
    }

    List<String> all(String name) {
        var list = values.get(name);
        return list == null
                ? List.of()
                : list.stream().filter(v -> v != null && !v.isBlank()).toList();
    }

    boolean flag(String name) {
        return all(name).contains("true");
    }

    <E extends Enum<E>> @Nullable E constant(String name, Class<E> type) {
        var value = one(name);
        if (Inputs.blank(value)) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    <E extends Enum<E>> Set<E> constants(String name, Class<E> type) {
        var set = new TreeSet<E>();
        for (String value : all(name)) {
            try {
                set.add(Enum.valueOf(type, value.strip()));
            } catch (IllegalArgumentException e) {
                // Not one of the options the form offers: ignored, as a browser never posts it.
            }
        }
        return set;
    }

    /** The rows of a list ({@code offences[3]}, …) in index order. */
    List<String> rows(String list) {
        var pattern = Pattern.compile("^" + Pattern.quote(list) + INDEX + "\\..*");
        var indexes = new TreeSet<Integer>();
        for (String key : values.keySet()) {
            var m = pattern.matcher(key);
            if (m.matches()) {
                indexes.add(Integer.parseInt(m.group(1)));
            }
        }
        return indexes.stream().map(i -> list + "[" + i + "]").toList();
    }
}
