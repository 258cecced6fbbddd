package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every message key a template uses exists in English and in French: no page shows a raw key. */
class MessageBundlesTest {

    private static final Pattern KEY = Pattern.compile("#\\{([A-Za-z][A-Za-z0-9._-]*)");

    @Test
    void everyTemplateKeyIsTranslatedIntoEnglishAndFrench() throws IOException {
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
        var french = bundle("messages_fr.properties");
        assertThat(used.stream().filter(k -> !english.containsKey(k)).toList())
                .as("keys missing in messages.properties")
                .isEmpty();
        assertThat(used.stream().filter(k -> !french.containsKey(k)).toList())
                .as("keys missing in messages_fr.properties")
                .isEmpty();
    }

    private static Properties bundle(String name) throws IOException {
        var properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources", name))) {
            properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return properties;
    }
}
