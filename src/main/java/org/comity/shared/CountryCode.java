package org.comity.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An ISO 3166-1 alpha-2 code of a State or, for regional economic integration organisations, the
 * exceptionally reserved code (such as {@code EU}). User-assigned codes ({@code AA}, {@code QM}–{@code
 * QZ}, {@code XA}–{@code XZ}, {@code ZZ}) are valid: tests use them for fictional States.
 */
public record CountryCode(String value) implements Comparable<CountryCode> {

    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");

    public CountryCode {
        if (value == null || !ALPHA_2.matcher(value).matches()) {
            throw new IllegalArgumentException("country code must be two upper-case letters (ISO 3166-1 alpha-2)");
        }
    }

    /** Accepts lower case input ({@code "fr"}) as a convenience at the edges. */
    @JsonCreator
    public static CountryCode of(String value) {
        return new CountryCode(value == null ? null : value.strip().toUpperCase(Locale.ROOT));
    }

    /**
     * Reads a code a person typed into {@code field}: an invalid one is an {@link InvalidInput} naming
     * the field, so every endpoint reports it the same way.
     */
    public static CountryCode parse(String field, String value) {
        try {
            return of(value);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of(field, "country-code", "an ISO 3166-1 alpha-2 code such as FR or XA");
        }
    }

    /** True for codes ISO reserves for user assignment, which no real State will ever have. */
    public boolean isUserAssigned() {
        char a = value.charAt(0);
        char b = value.charAt(1);
        return value.equals("AA") || value.equals("ZZ") || (a == 'Q' && b >= 'M') || a == 'X';
    }

    @Override
    public int compareTo(CountryCode other) {
        return value.compareTo(other.value);
    }

    @Override
    @JsonValue
    public String toString() {
        return value;
    }
}
