package org.comity.casework.domain;

import java.util.Locale;
import java.util.regex.Pattern;
import org.comity.treaty.KindOfAssistance;

/**
 * How this node writes its human request references, such as {@code XA-MLA-2026-000123}. The pattern
 * holds literal text and the placeholders {@code {state}} (this node's State), {@code {family}}
 * ({@code MLA} for mutual legal assistance, {@code EXT} for extradition, {@code INF} for spontaneous
 * information), {@code {year}} (the year the request was created, UTC) and {@code {seq}} (its number in
 * that year, six digits or more). Numbers are counted per year over every kind, so a pattern needs
 * {@code {year}} and {@code {seq}} to stay unique.
 */
public record ReferenceFormat(String pattern, String state) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9/._-]*");

    public ReferenceFormat {
        if (pattern == null || !pattern.contains("{year}") || !pattern.contains("{seq}")) {
            throw new IllegalArgumentException(
                    "comity.casework.reference-format must contain {year} and {seq}: " + pattern);
        }
        var matcher = PLACEHOLDER.matcher(pattern);
        while (matcher.find()) {
            if (!java.util.Set.of("state", "family", "year", "seq").contains(matcher.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {" + matcher.group(1)
                        + "} in comity.casework.reference-format; use {state}, {family}, {year}, {seq}");
            }
        }
        // Only letters, digits and a few separators, so that a reference is one word to search for
        // and safe in a file name.
        if (!LITERAL.matcher(PLACEHOLDER.matcher(pattern).replaceAll("")).matches()) {
            throw new IllegalArgumentException(
                    "comity.casework.reference-format may hold only letters, digits and / . _ - besides"
                            + " its placeholders: " + pattern);
        }
        if (state == null || !state.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("comity.casework.reference-state must be a two-letter code: " + state);
        }
    }

    public String format(KindOfAssistance kind, int year, long sequence) {
        if (sequence < 1) {
            throw new IllegalArgumentException("reference numbers start at 1");
        }
        return template(kind, year).replace(SEQUENCE, String.format(Locale.ROOT, "%06d", sequence));
    }

    /** The placeholder left in {@link #template}: the number, six digits or more, as {@link #format} writes it. */
    public static final String SEQUENCE = "{seq}";

    /**
     * The reference of a request of this kind and year with its number still to be written in place of
     * {@link #SEQUENCE}, so the number can be taken and written by the statement that stores the
     * request. The other placeholders' values hold no braces, so none can look like {@code {seq}}.
     */
    public String template(KindOfAssistance kind, int year) {
        return pattern.replace("{state}", state)
                .replace("{family}", family(kind))
                .replace("{year}", Integer.toString(year));
    }

    static String family(KindOfAssistance kind) {
        return switch (kind) {
            case EXTRADITION -> "EXT";
            case SPONTANEOUS_INFORMATION -> "INF";
            default -> "MLA";
        };
    }
}
