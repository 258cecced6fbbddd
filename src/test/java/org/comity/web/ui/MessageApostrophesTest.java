package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Spring formats a message with {@link java.text.MessageFormat} only when it has arguments. There a lone
 * apostrophe starts a quoted section: "Ce qu'attend {0}" shows "Ce quattend {0}" with the argument
 * lost. So messages with placeholders double their apostrophes, and messages without keep them single
 * (they are printed as written).
 */
class MessageApostrophesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d");
    private static final Pattern LONE = Pattern.compile("(?<!')'(?!')");

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_fr.properties", "messages_ar.properties"})
    void apostrophesAreWrittenForHowTheMessageIsFormatted(String file) throws IOException {
        var properties = new Properties();
        try (var in = new InputStreamReader(
                Files.newInputStream(Path.of("src/main/resources", file)), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        var wrong = new ArrayList<String>();
        for (String key : properties.stringPropertyNames()) {
            var value = properties.getProperty(key);
            if (PLACEHOLDER.matcher(value).find() ? LONE.matcher(value).find() : value.contains("''")) {
                wrong.add(key);
            }
        }
        assertThat(wrong)
                .as("messages whose apostrophes MessageFormat would eat or double")
                .isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aFrenchMessageWithAnApostropheKeepsItsArgument() {
        var source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        assertThat(source.getMessage("requirements.title", new Object[] {"France"}, Locale.FRENCH))
                .isEqualTo("Ce qu'attend France");
    }
}
