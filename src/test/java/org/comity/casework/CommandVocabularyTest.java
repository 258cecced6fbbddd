package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import org.comity.casework.domain.Command;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console's action labels and the audit trail's sentences are derived from the commands: every
 * command's code has an action label, and its audit action a sentence, in every language.
 */
class CommandVocabularyTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "_fr", "_ar"})
    void everyCommandHasAnActionLabelAndAnAuditSentence(String language) throws IOException {
        var bundle = new Properties();
        try (var in = CommandVocabularyTest.class.getResourceAsStream("/messages" + language + ".properties")) {
            bundle.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(Arrays.stream(Command.Kind.values()).map(k -> "action." + k.code()))
                .allSatisfy(key -> assertThat(bundle).containsKey(key));
        assertThat(Arrays.stream(Command.Kind.values())
                        .flatMap(k -> k.audits().stream())
                        .map(a -> "audit." + a.code()))
                .allSatisfy(key -> assertThat(bundle).containsKey(key));
    }
}
