package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A finding is headed by its rule's title in the reader's language: every built-in rule has one. */
class FindingTitlesTest {

    @ParameterizedTest
    @ValueSource(strings = {"messages.properties", "messages_fr.properties", "messages_ar.properties"})
    void everyBuiltInRuleHasATitle(String bundle) throws IOException {
        var messages = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources", bundle), StandardCharsets.UTF_8)) {
            messages.load(in);
        }
        var ids = Assessor.standard().rules().stream().map(Rule::id).toList();
        assertThat(ids).contains("persecution-indicators", "dual-criminality", "policy-pack");
        assertThat(ids.stream()
                        .filter(id ->
                                messages.getProperty("finding.title." + id, "").isBlank())
                        .toList())
                .as("built-in rules without a finding.title.<id> in %s", bundle)
                .isEmpty();
    }
}
