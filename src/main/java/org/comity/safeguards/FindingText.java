package org.comity.safeguards;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.comity.shared.MessageBundle;

/**
 * Renders findings from the safeguards message bundle ({@code safeguards/messages*.properties}, ICU
 * MessageFormat: named arguments, plurals, selects) in English, French or Arabic. Sentences are never
 * concatenated from fragments: word order and agreement differ between the three languages, and
 * Arabic has six plural forms.
 */
public final class FindingText {

    /** The languages the bundle is written in; any other reads English. */
    public static final Set<String> LANGUAGES = MessageBundle.LANGUAGES;

    private static final MessageBundle BUNDLE = new MessageBundle("safeguards.messages");

    private static final Map<String, ListFormatter> LISTS = new ConcurrentHashMap<>();

    /**
     * Words of the bundle ({@code @characteristic.religion}) by language, and whether a key is the
     * bundle's own: constants of the bundle, rendered once rather than on every finding.
     */
    private static final Map<String, String> WORDS = new ConcurrentHashMap<>();

    private static final Map<String, Boolean> OWN = new ConcurrentHashMap<>();

    private FindingText() {}

    /** The finding with its explanation and resolution in the language; as stored when it has no message. */
    public static Finding localised(Finding finding, Locale locale) {
        var message = finding.message();
        var language = language(locale);
        if (message == null || language.equals("en")) {
            return finding;
        }
        return new Finding(
                finding.rule(),
                finding.severity(),
                finding.citations(),
                format(message.explanation(), message.arguments(), language),
                finding.fields(),
                format(message.resolution(), message.arguments(), language),
                finding.source(),
                message);
    }

    public static List<Finding> localised(List<Finding> findings, Locale locale) {
        return language(locale).equals("en")
                ? findings
                : findings.stream().map(f -> localised(f, locale)).toList();
    }

    /** Whose rule it is, in words ("Requested State's law (XB, pack xb-central-authority v1)"). */
    public static String source(FindingSource source, Locale locale) {
        var language = language(locale);
        return switch (source) {
            case FindingSource.Treaty t ->
                format("source.treaty", Map.of("instrument", "@instrument." + t.instrument()), language);
            case FindingSource.RequestedStateLaw r ->
                r.pack() == null
                        ? format("source.requested-state-law", Map.of("state", r.state()), language)
                        : format(
                                "source.requested-state-pack",
                                Map.of("state", r.state(), "pack", r.pack(), "version", String.valueOf(r.version())),
                                language);
            case FindingSource.HumanRightsLaw h ->
                format("source.human-rights-law", Map.of("instrument", "@instrument." + h.instrument()), language);
            case FindingSource.AdvisoryPractice a -> format("source.advisory-practice", Map.of(), language);
            case FindingSource.Unattributed u -> format("source.unattributed", Map.of(), language);
        };
    }

    /** The English text of a message, as the engine stores it. */
    public static String english(String key, Map<String, Object> arguments) {
        return format(key, arguments, "en");
    }

    /** Whether the bundle of the language has the key itself (not through English). */
    public static boolean has(String key, String language) {
        return OWN.computeIfAbsent(language + ":" + key, k -> {
            var bundle = BUNDLE.bundle(language);
            return bundle.containsKey(key)
                    && (language.equals("en")
                            || !bundle.getString(key).equals(BUNDLE.bundle("en").getString(key)));
        });
    }

    /** Every key of the English bundle. */
    public static Set<String> keys() {
        return BUNDLE.keys();
    }

    public static String format(String key, Map<String, Object> arguments, Locale locale) {
        return format(key, arguments, language(locale));
    }

    /**
     * The English explanation and resolution of a finding's message, as the engine stores them. Both
     * share the arguments, so their words and lists are rendered once, not once per text.
     */
    public static Texts english(FindingMessage message) {
        var values = values(message.arguments(), "en");
        return new Texts(formatted(message.explanation(), values, "en"), formatted(message.resolution(), values, "en"));
    }

    /** A finding's explanation and resolution in one language. */
    public record Texts(String explanation, String resolution) {}

    private static String format(String key, Map<String, Object> arguments, String language) {
        return formatted(key, values(arguments, language), language);
    }

    private static Map<String, Object> values(Map<String, Object> arguments, String language) {
        var values = new LinkedHashMap<String, Object>();
        arguments.forEach((name, value) -> values.put(name, value(value, language)));
        return values;
    }

    private static String formatted(String key, Map<String, Object> values, String language) {
        return BUNDLE.format(key, values, language);
    }

    private static Object value(Object value, String language) {
        if (value instanceof String text) {
            return word(text, language);
        }
        if (value instanceof List<?> items) {
            var words = new ArrayList<String>();
            items.forEach(item -> words.add(word(String.valueOf(item), language)));
            return LISTS.computeIfAbsent(language, l -> ListFormatter.getInstance(new ULocale(l)))
                    .format(words);
        }
        return value;
    }

    /**
     * {@code @key} is a word of the bundle, {@code @key:12} one with a number ({@code n}, for plurals);
     * {@code @@text} is the text {@code @text}; anything else is shown as it is.
     */
    private static String word(String text, String language) {
        if (text.startsWith("@@") || !text.startsWith("@")) {
            return text.startsWith("@@") ? text.substring(1) : text;
        }
        return WORDS.computeIfAbsent(language + text, k -> bundleWord(text, language));
    }

    private static String bundleWord(String text, String language) {
        int colon = text.indexOf(':');
        return colon < 0
                ? format(text.substring(1), Map.of(), language)
                : format(text.substring(1, colon), Map.of("n", Long.parseLong(text.substring(colon + 1))), language);
    }

    private static String language(Locale locale) {
        return MessageBundle.language(locale);
    }
}
