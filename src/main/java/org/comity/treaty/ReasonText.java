package org.comity.treaty;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.comity.shared.MessageBundle;

/**
 * Renders treaty reasons from {@code treaty/reasons*.properties} (ICU MessageFormat: named arguments,
 * plurals, selects) in English, French or Arabic, as {@code safeguards.FindingText} does for findings.
 * Sentences are never concatenated: word order, agreement and plural forms differ between the languages.
 */
public final class ReasonText {

    /** The languages the bundle is written in; any other reads English. */
    public static final Set<String> LANGUAGES = MessageBundle.LANGUAGES;

    private static final MessageBundle BUNDLE = new MessageBundle("treaty.reasons");

    /** Names of States and instruments; the English text of the engine shows codes and ids. */
    public record Names(
            BiFunction<String, Locale, Optional<String>> state, Function<String, Optional<String>> instrument) {

        public static final Names CODES = new Names((code, locale) -> Optional.empty(), id -> Optional.empty());
    }

    private ReasonText() {}

    /** The English text of a reason, with codes and ids, as the engine stores it. */
    public static String english(String key, Map<String, Object> arguments) {
        return format(key, arguments, "en", Names.CODES);
    }

    /** The reason in the language; a reason written by hand is shown as it is. */
    public static Reason localised(Reason reason, Locale locale, Names names) {
        if (reason.key() == null) {
            return reason;
        }
        return reason.withText(format(reason.key(), reason.arguments(), MessageBundle.language(locale), names));
    }

    /** Every key of the English bundle. */
    public static Set<String> keys() {
        return BUNDLE.keys();
    }

    private static String format(String key, Map<String, Object> arguments, String language, Names names) {
        var values = new LinkedHashMap<String, Object>();
        arguments.forEach((name, value) -> values.put(name, value(value, language, names)));
        return BUNDLE.format(key, values, language);
    }

    private static Object value(Object value, String language, Names names) {
        var locale = Locale.forLanguageTag(language);
        return switch (value) {
            case Reason.State s -> names.state().apply(s.code(), locale).orElse(s.code());
            case Reason.InstrumentId i -> instrument(i.id(), language, names);
            case Reason.Part p -> format(p.key(), p.arguments(), language, names);
            // Kinds of instrument deposited together ("ratification/acceptance"), as the record lists them.
            case java.util.List<?> items ->
                String.join(
                        "/",
                        items.stream()
                                .map(item -> String.valueOf(value(item, language, names)))
                                .toList());
            case LocalDate d ->
                language.equals("en")
                        ? d.toString()
                        : d.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                .withLocale(locale));
            default -> value;
        };
    }

    /**
     * The bundle's name of the instrument when the renderer knows names (the stored English keeps the id, as
     * the safeguards quote it), else the catalogue's, else the id.
     */
    private static String instrument(String id, String language, Names names) {
        if (names == Names.CODES) {
            return id;
        }
        var bundle = BUNDLE.bundle(language);
        return bundle.containsKey("name.instrument." + id)
                ? bundle.getString("name.instrument." + id)
                : names.instrument().apply(id).orElse(id);
    }
}
