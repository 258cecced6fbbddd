package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import org.comity.safeguards.domain.Assessor;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Findings in plain language, in English, French and Arabic: over the whole corpus no explanation or
 * resolution shows a field path, an unfilled placeholder, "the unknown" for a missing name, or a title
 * repeated in brackets; French and Arabic are the bundle's own sentences, not the English ones; stored
 * findings without a message are shown as they were written.
 */
class FindingLanguagesTest {

    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("ar"));

    /** "extortion (extortion)", "(fraud) (fraud)": a title repeated in brackets. */
    static final Pattern DOUBLED = Pattern.compile("(?iu)(\\(?[\\p{L}\\d-]+(?: [\\p{L}\\d-]+)*\\)?) \\(\\1\\)");

    static final Pattern ARABIC = Pattern.compile("\\p{IsArabic}");

    @Test
    void noExplanationInTheCorpusShowsAPathAPlaceholderOrARepeatedTitleInAnyLanguage() {
        int checked = 0;
        for (var scenario : Scenarios.all()) {
            var assessment = Assessor.standard().assess(Kit.context(scenario.input(), scenario.legalBasis()));
            for (var english : assessment.findings()) {
                for (var locale : LANGUAGES) {
                    var f = FindingText.localised(english, locale);
                    for (var text : List.of(f.explanation(), f.resolution())) {
                        var where = scenario.file() + " " + f.rule() + " [" + locale + "]: " + text;
                        assertThat(text).as(where).doesNotContain("[", "].", "{", "}");
                        assertThat(text.toLowerCase(Locale.ROOT)).as(where).doesNotContain("the unknown");
                        assertThat(DOUBLED.matcher(text).find()).as(where).isFalse();
                        checked++;
                    }
                    if (!locale.getLanguage().equals("en") && !f.rule().startsWith("pack:")) {
                        assertThat(f.explanation())
                                .as(scenario.file() + " " + f.rule() + " translated into " + locale)
                                .isNotEqualTo(english.explanation());
                        assertThat(f.resolution())
                                .as(scenario.file() + " " + f.rule() + " translated into " + locale)
                                .isNotEqualTo(english.resolution());
                    }
                    if (locale.getLanguage().equals("ar")) {
                        assertThat(ARABIC.matcher(f.explanation()).find())
                                .as(f.explanation())
                                .isTrue();
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void aProvisionNamingItsConductIsNotFollowedByItAgain() {
        var extortion = java.util.Set.of(new org.comity.jurisdiction.ConductCode("extortion"));
        assertThat(label("Extortion", extortion)).isEqualTo("Extortion");
        assertThat(label("Penal Code art. 163 (extortion)", extortion)).isEqualTo("Penal Code art. 163 (extortion)");
        assertThat(label("Penal Code art. 163", extortion)).isEqualTo("Penal Code art. 163 (extortion)");
        assertThat(label(null, extortion)).isEqualTo("extortion");
        assertThat(label(null, java.util.Set.of())).isEqualTo("#1");
    }

    private static String label(String provision, java.util.Set<org.comity.jurisdiction.ConductCode> conduct) {
        return new org.comity.safeguards.domain.ChargedView(
                        0,
                        new AssessmentInput.ChargedOffence(provision, conduct, null, false, java.util.Set.of(), null),
                        java.util.Set.of(),
                        java.util.Optional.empty(),
                        false,
                        false,
                        false)
                .label();
    }

    @Test
    void everyMessageIsWrittenInFrenchAndArabic() throws IOException {
        var english = properties("safeguards/messages.properties");
        for (var language : List.of("fr", "ar")) {
            var other = properties("safeguards/messages_" + language + ".properties");
            assertThat(other.stringPropertyNames()).as(language).isEqualTo(english.stringPropertyNames());
        }
        var arabic = properties("safeguards/messages_ar.properties");
        arabic.stringPropertyNames().stream()
                .filter(k -> k.endsWith(".explanation") && !k.startsWith("pack."))
                .forEach(k -> assertThat(ARABIC.matcher(arabic.getProperty(k)).find())
                        .as(k)
                        .isTrue());
    }

    @Test
    void findingsStoredBeforeSourcesAndMessagesLoadWithADerivedSourceAndTheirOwnText() throws IOException {
        var json = JsonMapper.builder().build();
        var root = json.readTree(Kit.resource("safeguards/assessment-before-v80.json"));
        List<Finding> findings =
                json.readValue(root.path("findings").toString(), new TypeReference<List<Finding>>() {});
        assertThat(findings).hasSize(8).allSatisfy(f -> {
            assertThat(f.source()).isNotNull();
            assertThat(f.message()).isNull();
            assertThat(FindingText.localised(f, Locale.FRENCH)).isEqualTo(f);
        });
        assertThat(findings.stream()
                        .filter(f -> f.rule().equals("protected-role"))
                        .findFirst()
                        .orElseThrow()
                        .source())
                .isInstanceOf(FindingSource.AdvisoryPractice.class);
        assertThat(findings.stream()
                        .filter(f -> f.rule().equals("dual-criminality"))
                        .findFirst()
                        .orElseThrow()
                        .source())
                .isEqualTo(new FindingSource.Treaty("UNCC", "dual-criminality"));
        // Whose rule a political-offence finding applied depended on the request: not guessed.
        assertThat(findings.stream()
                        .filter(f -> f.rule().equals("political-offence"))
                        .findFirst()
                        .orElseThrow()
                        .source())
                .isInstanceOf(FindingSource.Unattributed.class);
        assertThat(FindingText.source(new FindingSource.Unattributed(), Locale.ENGLISH))
                .startsWith("Unattributed");
    }

    @Test
    void aFindingReadBackFromJsonEqualsTheOneStored() {
        var json = JsonMapper.builder().build();
        for (var scenario : Scenarios.all()) {
            var findings = Assessor.standard()
                    .assess(Kit.context(scenario.input(), scenario.legalBasis()))
                    .findings();
            List<Finding> read =
                    json.readValue(json.writeValueAsString(findings), new TypeReference<List<Finding>>() {});
            assertThat(read).as(scenario.file()).isEqualTo(findings);
        }
    }

    private static Properties properties(String path) throws IOException {
        var properties = new Properties();
        try (var in = FindingLanguagesTest.class.getClassLoader().getResourceAsStream(path)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
