package org.comity.treaty;

import java.text.Collator;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import org.comity.shared.CountryCode;

/**
 * A State or regional economic integration organisation that can be party to an instrument.
 *
 * @param alpha3 ISO 3166-1 alpha-3 code; empty for the EU, which has none
 * @param asOf date of the source snapshot; empty when not known
 */
public record RegisteredState(
        CountryCode code,
        Optional<String> alpha3,
        String nameEn,
        String nameFr,
        String nameAr,
        Kind kind,
        UnStatus unStatus,
        String source,
        Optional<LocalDate> asOf) {

    public enum Kind {
        STATE,
        REIO,
        /** A user-assigned code (XA–XZ, QM–QZ) accepted when fictional States are enabled. */
        FICTIONAL
    }

    public enum UnStatus {
        MEMBER,
        OBSERVER,
        NONE
    }

    /**
     * The name to show a reader of {@code locale}: French or Arabic for those languages, English otherwise
     * (the console's other languages have no names in the registry).
     */
    public String name(Locale locale) {
        return switch (locale.getLanguage()) {
            case "fr" -> nameFr;
            case "ar" -> nameAr;
            default -> nameEn;
        };
    }

    /**
     * The order a reader of {@code locale} looks for a State in a list: by its name in that language, as
     * that language sorts (a French reader finds "Émirats arabes unis" among the E's, "Allemagne" before
     * "Autriche"), then by code; fictional States after every real one.
     */
    public static Comparator<RegisteredState> byName(Locale locale) {
        var collator = Collator.getInstance(locale);
        return Comparator.comparing((RegisteredState s) -> s.kind() == Kind.FICTIONAL)
                .thenComparing(s -> s.name(locale), collator)
                .thenComparing(s -> s.code().value());
    }

    public RegisteredState {
        if (code == null || alpha3 == null || kind == null || unStatus == null || asOf == null) {
            throw new IllegalArgumentException("code, kind and UN status are required");
        }
        if (alpha3.isPresent() && !alpha3.get().matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("alpha-3 must be three upper-case letters");
        }
        if (nameEn == null
                || nameEn.isBlank()
                || nameFr == null
                || nameFr.isBlank()
                || nameAr == null
                || nameAr.isBlank()) {
            throw new IllegalArgumentException("English, French and Arabic names are required");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("name the source");
        }
    }
}
