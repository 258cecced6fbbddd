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

    /** The text with its first letter in capitals, for sentences that open with a name. */
    static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String subject(int index) {
        return "subjects[" + index + "]";
    }
}
