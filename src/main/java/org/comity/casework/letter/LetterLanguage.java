package org.comity.casework.letter;

import java.util.Locale;
import org.comity.shared.InvalidInput;
import org.jspecify.annotations.Nullable;

/** The languages a letter of request can be written in: its messages are complete in each. */
public enum LetterLanguage {
    EN(Locale.ENGLISH, false),
    FR(Locale.FRENCH, false),
    AR(Locale.forLanguageTag("ar"), true);

    private final Locale locale;
    private final boolean rightToLeft;

    LetterLanguage(Locale locale, boolean rightToLeft) {
        this.locale = locale;
        this.rightToLeft = rightToLeft;
    }

    public Locale locale() {
        return locale;
    }

    public boolean rightToLeft() {
        return rightToLeft;
    }

    public String code() {
        return locale.getLanguage();
    }

    /** English when none is asked for; anything unknown is bad input naming the {@code lang} field. */
    public static LetterLanguage parse(@Nullable String lang) {
        if (lang == null || lang.isBlank()) {
            return EN;
        }
        for (LetterLanguage language : values()) {
            if (language.code().equals(lang.strip())) {
                return language;
            }
        }
        throw InvalidInput.of("lang", "letter-language", "a letter is written in en, fr or ar");
    }
}
