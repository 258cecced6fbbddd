package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.comity.casework.AuditEntry;
import org.comity.casework.domain.AuditAction;
import org.comity.web.Times;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/** Every kind of audit action is said in each language, with its arguments in their places. */
class TimelineTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");
    private static final String MOMENT = "2026-05-01T09:00:00Z";

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr", "ar"})
    void everyKindIsSaidWithItsArguments(String language) {
        var timeline = new Timeline(messages(), Locale.forLanguageTag(language), new Times());
        for (var kind : AuditAction.Kind.values()) {
            var args = kind.arguments().stream()
                    .map(a -> switch (a) {
                        case TEXT -> "l'équipe \"A\" & co";
                        case OUTCOME -> "granted-with-conditions";
                        case MOMENT -> MOMENT;
                    })
                    .toList();
            var line = timeline.line(entry(List.of(new AuditAction(kind.code(), args)), false));

            assertThat(line.english()).as(kind.code()).isFalse();
            var text = line.segments().stream()
                    .filter(s -> s.kind().equals("text"))
                    .map(Timeline.Segment::text)
                    .reduce("", String::concat);
            assertThat(text).as(kind.code()).isNotBlank().doesNotContain("{", "\uE000", "''");
            for (var argument : kind.arguments()) {
                switch (argument) {
                    case TEXT ->
                        assertThat(line.segments())
                                .as(kind.code())
                                .contains(new Timeline.Segment("user", "l'équipe \"A\" & co", null));
                    case OUTCOME ->
                        assertThat(text)
                                .as(kind.code())
                                .contains(messages()
                                        .getMessage(
                                                "state.granted-with-conditions", null, Locale.forLanguageTag(language)))
                                .doesNotContain("granted-with-conditions");
                    case MOMENT ->
                        assertThat(line.segments())
                                .as(kind.code())
                                .contains(new Timeline.Segment("time", "2026-05-01 09:00 UTC", MOMENT));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "ar"})
    void partsAreJoinedAndAnUnassessedVersionIsTranslated(String language) {
        var timeline = new Timeline(messages(), Locale.forLanguageTag(language), new Times());
        var line = timeline.line(entry(
                List.of(
                        new AuditAction("deadline-missed", List.of()),
                        new AuditAction("preservation-expiring", List.of(MOMENT))),
                true));
        var all = line.segments().stream().map(Timeline.Segment::text).reduce("", String::concat);
        assertThat(all)
                .contains(messages().getMessage("audit.deadline-missed", null, Locale.forLanguageTag(language)))
                .contains("2026-05-01 09:00 UTC")
                .doesNotContain("deadline missed", "not assessed");
        assertThat(all).endsWith(messages().getMessage("audit.not-assessed", null, Locale.forLanguageTag(language)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fr", "ar"})
    void aLineWithoutCodesIsShownInTheEnglishItWasStoredIn(String language) {
        var timeline = new Timeline(messages(), Locale.forLanguageTag(language), new Times());
        var line = timeline.line(entry(null, null));
        assertThat(line.english()).isTrue();
        assertThat(line.segments()).containsExactly(Timeline.Segment.text("withdrawn: stored English"));
    }

    private static AuditEntry entry(List<AuditAction> actions, Boolean assessmentFailed) {
        return new AuditEntry(
                1,
                UUID.randomUUID(),
                AT,
                "alice",
                "withdrawn: stored English",
                1,
                2,
                "draft",
                "withdrawn",
                actions,
                assessmentFailed);
    }

    private static ResourceBundleMessageSource messages() {
        var source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
