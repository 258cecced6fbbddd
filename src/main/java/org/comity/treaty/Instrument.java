package org.comity.treaty;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * An instrument as the API shows it, with the citations its rules rest on and its articles catalogue.
 *
 * @param kind {@code global}, {@code regional}, {@code protocol}, {@code regional-law}, {@code bilateral}
 *     or {@code bilateral-template}
 * @param recordedEntryIntoForce the entry-into-force date a source records, if any
 */
public record Instrument(
        String id,
        String kind,
        String title,
        String shortName,
        Optional<String> parent,
        Optional<LocalDate> recordedEntryIntoForce,
        String source,
        Optional<LocalDate> asOf,
        List<Citation> ruleCitations,
        List<ArticleEntry> articles) {

    public Instrument {
        ruleCitations = List.copyOf(ruleCitations);
        articles = List.copyOf(articles);
    }

    /** One catalogue article: {@code official} false means the heading is a subject, not the official text. */
    public record ArticleEntry(
            String number, String heading, boolean official, Certainty certainty, List<String> paragraphs) {

        public ArticleEntry {
            paragraphs = List.copyOf(paragraphs);
        }
    }
}
