package org.comity.treaty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One step of an answer, in plain language, with the catalogue citations it rests on. A reason the
 * treaty engine gives carries a message key of {@code treaty/reasons*.properties} and its arguments, so it
 * is shown in the reader's language ({@link ReasonText}); {@code text} is its English rendering, kept for
 * the safeguards engine and stored decisions, which quote it.
 *
 * <p>Arguments are strings, numbers, dates, {@link State}s, {@link InstrumentId}s or nested {@link Part}s
 * (a sentence fragment such as a timing, itself from the bundle): never English words.
 */
public record Reason(
        String text, List<Citation> citations, @Nullable String key, Map<String, Object> arguments) {

    public Reason {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a reason says something");
        }
        citations = List.copyOf(citations);
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }

    /** A State by its code, shown as the registry's name where the renderer knows it. */
    public record State(String code) {}

    /** An instrument by its catalogue id, shown as its short name where the renderer knows it. */
    public record InstrumentId(String id) {}

    /** A fragment of a sentence from the bundle, rendered in the same language. */
    public record Part(String key, Map<String, Object> arguments) {
        public Part {
            arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        }
    }

    public static State state(org.comity.shared.CountryCode code) {
        return new State(code.value());
    }

    public static InstrumentId instrument(String id) {
        return new InstrumentId(id);
    }

    public static Reason of(String key, Map<String, Object> arguments, List<Citation> citations) {
        return new Reason(ReasonText.english(key, arguments), citations, key, arguments);
    }

    public static Reason of(String key, Map<String, Object> arguments) {
        return of(key, arguments, List.of());
    }

    /** A reason written by hand, not from the bundle: shown as it is in every language. */
    public static Reason plain(String text) {
        return new Reason(text, List.of(), null, Map.of());
    }

    /** The same reason with its text in another language. */
    public Reason withText(String rendered) {
        return new Reason(rendered, citations, key, arguments);
    }
}
