package org.comity.treaty;

import java.util.List;

/** One step of an answer, in plain language, with the catalogue citations it rests on. */
public record Reason(String text, List<Citation> citations) {

    public Reason {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a reason says something");
        }
        citations = List.copyOf(citations);
    }

    public static Reason of(String text, List<Citation> citations) {
        return new Reason(text, citations);
    }

    public static Reason plain(String text) {
        return new Reason(text, List.of());
    }
}
