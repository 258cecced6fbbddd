package org.comity.casework.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.comity.jurisdiction.ConductCode;
import org.comity.shared.CountryCode;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * Reading typed values of the content forms. A value that cannot be read is a violation on its input;
 * a missing one is null, left for casework's content rules to report.
 */
final class Inputs {

    private Inputs() {}

    static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    static @Nullable String trim(@Nullable String s) {
        return blank(s) ? null : s.strip();
    }

    static Violation tooMany(String list, int max) {
        return new Violation(list, "too-many-rows", "at most " + max + " in this list");
    }

    /** The positions of the rows that are part of the content (not left entirely blank). */
    static <T> List<Integer> kept(List<T> rows, Predicate<T> blank) {
        var kept = new ArrayList<Integer>();
        for (int i = 0; i < rows.size(); i++) {
            if (!blank.test(rows.get(i))) {
                kept.add(i);
            }
        }
        return kept;
    }

    /** The row on screen of the k-th row of the content. */
    static int onScreen(List<Integer> kept, int k) {
        return k >= 0 && k < kept.size() ? kept.get(k) : k;
    }

    static Set<ConductCode> conduct(Set<String> codes, String input, List<Violation> problems) {
        var result = new LinkedHashSet<ConductCode>();
        for (String code : codes) {
            if (code != null && !code.isBlank()) {
                try {
                    result.add(new ConductCode(code.strip()));
                } catch (IllegalArgumentException e) {
                    problems.add(new Violation(input, "unknown-conduct", "choose conduct categories from the list"));
                }
            }
        }
        return result;
    }

    static @Nullable CountryCode state(@Nullable String code, String input, List<Violation> problems) {
        if (blank(code)) {
            return null;
        }
        try {
            return CountryCode.of(code.strip());
        } catch (IllegalArgumentException e) {
            problems.add(new Violation(input, "country-code", "a two-letter ISO 3166-1 code, such as FR"));
            return null;
        }
    }

    static @Nullable Integer number(@Nullable String text, String input, List<Violation> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new Violation(input, "whole-number", "a whole number"));
            return null;
        }
    }

    static @Nullable LocalDate date(@Nullable String text, String input, List<Violation> problems) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            problems.add(new Violation(input, "date-format", "a date as YYYY-MM-DD"));
            return null;
        }
    }

    static @Nullable Instant moment(
            @Nullable String local, @Nullable String timeZone, String identifier, List<Violation> problems) {
        if (blank(local)) {
            return null;
        }
        ZoneId zone;
        try {
            zone = blank(timeZone) ? ZoneOffset.UTC : ZoneId.of(timeZone.strip());
        } catch (java.time.DateTimeException e) {
            problems.add(
                    new Violation(identifier + ".timeZone", "time-zone", "a time zone such as Europe/Paris or UTC"));
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new Violation(identifier + ".observedAt", "date-time-format", "a date and time"));
            return null;
        }
    }

    static ZoneId zone(@Nullable String timeZone) {
        try {
            return blank(timeZone) ? ZoneOffset.UTC : ZoneId.of(timeZone);
        } catch (java.time.DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    /** The name of an input up to its first index or dot ({@code offences[1].x} is {@code offences}). */
    static String head(String input) {
        int end = input.length();
        for (char c : new char[] {'[', '.'}) {
            int at = input.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return input.substring(0, end);
    }
}
