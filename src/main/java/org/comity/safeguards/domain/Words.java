package org.comity.safeguards.domain;

import java.util.List;

/** Small helpers for explanations in plain language. */
final class Words {

    private Words() {}

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> items) {
        if (items.isEmpty()) {
            return "";
        }
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    static String subject(int index) {
        return "subjects[" + index + "]";
    }
}
