package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No page shows a raw key or an English fallback: every key a template uses exists in English, and French and
 * Arabic hold exactly the English keys, with the same placeholders, each rendering its arguments.
 */
class MessageBundlesTest {

    private static final Pattern KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9._-]*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    private static final Pattern ARABIC_LETTER = Pattern.compile("\\p{IsArabic}");

    @Test
    void everyTemplateKeyIsInEnglish() throws IOException {
        var used = new TreeSet<String>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                var matcher = KEY.matcher(Files.readString(file));
                while (matcher.find()) {
                    used.add(matcher.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        var english = bundle("messages.properties");
        assertThat(used.stream().filter(k -> !english.containsKey(k)).toList())
                .as("keys used in templates but missing in messages.properties")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "ar"})
    void everyEnglishKeyIsTranslatedAndNoOtherKeyExists(String language) throws IOException {
        var english = bundle("messages.properties").stringPropertyNames();
        var translated = bundle("messages_" + language + ".properties").stringPropertyNames();

        assertThat(new TreeSet<>(difference(english, translated)))
                .as("keys of messages.properties missing in messages_%s.properties", language)
                .isEmpty();
        assertThat(new TreeSet<>(difference(translated, english)))
                .as("keys in messages_%s.properties that messages.properties does not have", language)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "messages",
                "messages_fr",
                "messages_ar",
                "treaty/reasons",
                "treaty/reasons_fr",
                "treaty/reasons_ar"
            })
    void noKeyIsDefinedTwiceNorLeftEmpty(String base) throws IOException {
        var name = base + ".properties";
        var seen = new HashSet<String>();
        var duplicates = new TreeSet<String>();
        for (String line : Files.readAllLines(Path.of("src/main/resources", name), StandardCharsets.UTF_8)) {
            var trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            var key = trimmed.split("[=:]", 2)[0].strip();
            if (!seen.add(key)) {
                duplicates.add(key);
            }
        }
        assertThat(duplicates)
                .as("keys defined twice in %s (a merge kept both)", name)
                .isEmpty();
        var bundle = bundle(name);
        assertThat(bundle.stringPropertyNames().stream()
                        .filter(k -> bundle.getProperty(k).isBlank())
                        .sorted()
                        .toList())
                .as("empty messages in %s", name)
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "ar"})
    void placeholdersMatchEnglishAndAllRender(String language) throws IOException {
        var english = bundle("messages.properties");
        var translated = bundle("messages_" + language + ".properties");
        var wrong = new ArrayList<String>();
        for (String key : new TreeSet<>(english.stringPropertyNames())) {
            if (!translated.containsKey(key)) {
                continue; // reported by everyEnglishKeyIsTranslatedAndNoOtherKeyExists
            }
            var expected = placeholders(english.getProperty(key));
            var actual = placeholders(translated.getProperty(key));
            if (!expected.equals(actual)) {
                wrong.add(key + ": " + expected + " in English, " + actual + " in " + language);
            } else if (!expected.isEmpty()) {
                // Spring formats messages with arguments by MessageFormat, where a lone ' quotes what follows.
                var problem = renderingProblem(translated.getProperty(key), expected, Locale.forLanguageTag(language));
                if (problem != null) {
                    wrong.add(key + ": " + problem);
                }
            }
        }
        assertThat(wrong)
                .as("messages whose placeholders differ from English or do not render")
                .isEmpty();
    }

    @Test
    void englishMessagesWithArgumentsRender() throws IOException {
        var english = bundle("messages.properties");
        var wrong = new ArrayList<String>();
        for (String key : new TreeSet<>(english.stringPropertyNames())) {
            var expected = placeholders(english.getProperty(key));
            var problem =
                    expected.isEmpty() ? null : renderingProblem(english.getProperty(key), expected, Locale.ENGLISH);
            if (problem != null) {
                wrong.add(key + ": " + problem);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyArabicMessageIsWrittenInArabic() throws IOException {
        var english = bundle("messages.properties");
        var arabic = bundle("messages_ar.properties");
        assertThat(arabic.stringPropertyNames().stream()
                        .filter(k -> hasWords(english.getProperty(k, "x")))
                        .filter(k ->
                                !ARABIC_LETTER.matcher(arabic.getProperty(k)).find())
                        .sorted()
                        .toList())
                .as("messages_ar.properties values with no Arabic letter (left in English?)")
                .isEmpty();
    }

    @Test
    void everyArabicPlaceholderIsIsolated() throws IOException {
        var arabic = bundle("messages_ar.properties");
        var bare = Pattern.compile("(?<!\u2068)\\{\\d+[^}]*}|\\{\\d+[^}]*}(?!\u2069)");
        // Letters are laid out by the PDF renderer (ICU bidi, bundled font), not by a browser: left as they are.
        assertThat(arabic.stringPropertyNames().stream()
                        .filter(k -> !k.startsWith("letter."))
                        .filter(k -> bare.matcher(arabic.getProperty(k)).find())
                        .sorted()
                        .toList())
                .as("Arabic messages with a placeholder not written \\u2068{0}\\u2069 (a date after an Arabic word"
                        + " would show reversed)")
                .isEmpty();
    }

    /**
     * The treaty reasons are ICU MessageFormat with named arguments ({@code {state}}), rendered by
     * {@code ReasonText}: French and Arabic hold exactly the English keys, and every Arabic argument is isolated.
     */
    @Test
    void treatyReasonsAreTranslatedWithIsolatedArabicArguments() throws IOException {
        var english = bundle("treaty/reasons.properties").stringPropertyNames();
        for (var language : List.of("fr", "ar")) {
            assertThat(bundle("treaty/reasons_" + language + ".properties").stringPropertyNames())
                    .as("keys of treaty/reasons_%s.properties", language)
                    .isEqualTo(english);
        }
        var arabic = bundle("treaty/reasons_ar.properties");
        var bare = Pattern.compile("(?<!\u2068)\\{[A-Za-z]+}|\\{[A-Za-z]+}(?!\u2069)");
        assertThat(arabic.stringPropertyNames().stream()
                        .filter(k -> bare.matcher(arabic.getProperty(k)).find())
                        .sorted()
                        .toList())
                .as("Arabic reasons with an argument not written \\u2068{state}\\u2069")
                .isEmpty();
    }

    /** The rendered message must show every argument and no leftover brace or quote from the pattern. */
    private static String renderingProblem(String pattern, Set<Integer> indices, Locale locale) {
        int size = indices.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        // A numeric placeholder ({0,number,#}) gets a number, shown as its digits; any other gets a marker.
        Object[] args = IntStream.range(0, size)
                .mapToObj(i -> pattern.contains("{" + i + ",number") ? (Object) 7 : "\u2039arg" + i + "\u203a")
                .toArray();
        String rendered;
        try {
            rendered = new MessageFormat(pattern, locale).format(args);
        } catch (IllegalArgumentException e) {
            return "not a valid MessageFormat pattern (" + e.getMessage() + ")";
        }
        List<Integer> missing = indices.stream()
                .filter(i -> !rendered.contains(args[i] instanceof Integer ? "7" : "\u2039arg" + i + "\u203a"))
                .toList();
        if (!missing.isEmpty()) {
            return "arguments " + missing + " do not appear in \"" + rendered + "\" (an unescaped ' ?)";
        }
        if (rendered.contains("{") || pattern.replace("''", "").contains("'")) {
            return "a lone ' or a brace survives in \"" + rendered + "\" (write '' or a typographic ’)";
        }
        return null;
    }

    /** Whether a message has words to translate, besides its placeholders ('{0} → {1}' has none). */
    private static boolean hasWords(String message) {
        return PLACEHOLDER.matcher(message).replaceAll("").codePoints().anyMatch(Character::isLetter);
    }

    private static Set<Integer> placeholders(String message) {
        var found = new TreeSet<Integer>();
        var matcher = PLACEHOLDER.matcher(message);
        while (matcher.find()) {
            found.add(Integer.parseInt(matcher.group(1)));
        }
        return found;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        var result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }

    private static Properties bundle(String name) throws IOException {
        var properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources", name))) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
