package org.comity.treaty.domain;

import java.util.Map;
import java.util.Optional;
import org.comity.treaty.Certainty;

/**
 * One article of the catalogue.
 *
 * @param heading the official heading where one was read, else the subject as commonly cited
 * @param official whether {@code heading} is the official heading
 * @param paragraphs the paragraphs Comity cites, by id ({@code 1}, {@code 1(c)}, {@code o})
 */
public record Article(
        String number, String heading, boolean official, Certainty certainty, Map<String, Paragraph> paragraphs) {

    public Article {
        paragraphs = Map.copyOf(paragraphs);
        if (number == null || heading == null || heading.isBlank() || certainty == null) {
            throw new IllegalArgumentException("an article has a number, a heading or subject, and a certainty");
        }
    }

    public record Paragraph(String id, String subject, Certainty certainty, Optional<String> textVerbatim) {}
}
