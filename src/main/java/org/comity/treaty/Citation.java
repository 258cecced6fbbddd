package org.comity.treaty;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reference to an article (and paragraph) of an instrument, as listed in the articles catalogue.
 * Obtain one only through {@link Treaties#cite}: it throws for an article the catalogue does not list,
 * so no citation in Comity is ever made up in code.
 *
 * @param instrument catalogue id of the instrument, such as {@code UNCC}
 * @param article article number as the instrument numbers it
 * @param paragraph paragraph within the article ({@code 1}, {@code 1(c)}, or a letter such as {@code o})
 * @param certainty of the most specific catalogue entry cited
 * @param heading the article's official heading, or its subject where no heading was read
 */
public record Citation(
        String instrument, String article, Optional<String> paragraph, Certainty certainty, String heading) {

    static final Pattern ARTICLE = Pattern.compile("[0-9]{1,3}[a-z]{0,6}");
    static final Pattern PARAGRAPH = Pattern.compile("([0-9]{1,3}|[a-z]{1,3})(\\([a-z0-9]{1,4}\\))*");

    public Citation {
        if (instrument == null || !instrument.matches(InstrumentIds.PATTERN)) {
            throw new IllegalArgumentException("instrument must be a catalogue id");
        }
        if (article == null || !ARTICLE.matcher(article).matches()) {
            throw new IllegalArgumentException("article must be an article number");
        }
        paragraph = paragraph == null ? Optional.empty() : paragraph;
        if (paragraph.isPresent() && !PARAGRAPH.matcher(paragraph.get()).matches()) {
            throw new IllegalArgumentException("paragraph must look like 1, 1(c) or o");
        }
        if (certainty == null || heading == null || heading.isBlank()) {
            throw new IllegalArgumentException("a citation carries its certainty and heading");
        }
    }

    /** As people write it: {@code UNCC Art 65(1)}, {@code ETS185 Art 24(1)(a)}, {@code UNCC Art 2(o)}. */
    public String text() {
        return instrument + " Art " + article
                + paragraph.map(Citation::bracketed).orElse("");
    }

    /** The text with its certainty tag, as shown next to findings: {@code UNCC Art 65(1) [C]}. */
    public String tagged() {
        return text() + " [" + certainty + "]";
    }

    private static String bracketed(String paragraph) {
        int rest = paragraph.indexOf('(');
        return rest < 0 ? "(" + paragraph + ")" : "(" + paragraph.substring(0, rest) + ")" + paragraph.substring(rest);
    }

    @Override
    public String toString() {
        return tagged();
    }
}
