package org.comity.shared;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bundle of ICU MessageFormat patterns (named arguments, plurals, selects) written in English, French
 * and Arabic, as the treaty reasons and the safeguards findings are. The root file is English; a
 * language's file never falls back to the JVM's default locale, so what a page shows does not depend on
 * the machine it runs on.
 */
public final class MessageBundle {

    /** The languages the bundles are written in; any other reads English. */
    public static final Set<String> LANGUAGES = Set.of("en", "fr", "ar");

    private final String baseName;
    private final Map<String, ResourceBundle> bundles = new ConcurrentHashMap<>();

    /** Compiled patterns by language and key; formatting one is not thread-safe, so it is locked. */
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();

    /** @param baseName the bundle's name on the class path, such as {@code treaty.reasons} */
    public MessageBundle(String baseName) {
        this.baseName = baseName;
    }

    /** The one of {@link #LANGUAGES} a locale reads; English for none or any other. */
    public static String language(Locale locale) {
        var language = locale == null ? "en" : locale.getLanguage();
        return LANGUAGES.contains(language) ? language : "en";
    }

    /** The language's file (with English beneath it for keys it lacks). */
    public ResourceBundle bundle(String language) {
        return bundles.computeIfAbsent(
                language,
                l -> ResourceBundle.getBundle(
                        baseName,
                        l.equals("en") ? Locale.ROOT : Locale.forLanguageTag(l),
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    /** Every key of the English bundle. */
    public Set<String> keys() {
        return bundle("en").keySet();
    }

    /** The pattern of {@code key} in the language; a key the bundle lacks is a defect, not input. */
    public String pattern(String key, String language) {
        try {
            return bundle(language).getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException(
                    "no message '" + key + "' in " + baseName.replace('.', '/') + ".properties", e);
        }
    }

    /** The message {@code key} in the language, with its named arguments already rendered as values. */
    public String format(String key, Map<String, Object> values, String language) {
        var format = formats.computeIfAbsent(
                language + ":" + key, k -> new MessageFormat(pattern(key, language), new ULocale(language)));
        synchronized (format) {
            return format.format(values);
        }
    }
}
