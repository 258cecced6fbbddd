package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.comity.casework.AttachmentInfo;
import org.comity.casework.AuditEntry;
import org.comity.casework.domain.AuditAction;
import org.comity.web.Times;
import org.junit.jupiter.api.Test;
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
                        case BASIS -> "reciprocity";
                        case RULES -> "legal-basis-in-force";
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
                    case BASIS ->
                        assertThat(text)
                                .as(kind.code())
                                .contains(messages()
                                        .getMessage("basis.reciprocity", null, Locale.forLanguageTag(language)));
                    case RULES ->
                        assertThat(line.segments())
                                .as(kind.code())
                                .contains(new Timeline.Segment("hash", "legal-basis-in-force", null));
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

    @ParameterizedTest
    @ValueSource(strings = {"en", "fr", "ar"})
    void anAttachedDocumentIsSaidWithItsNameTypeSizeAndHash(String language) {
        var locale = Locale.forLanguageTag(language);
        var timeline = new Timeline(messages(), locale, new Times());
        var line = timeline.line(document("l'annexe \"A\".pdf", "application/pdf", 12_000, AT));

        assertThat(line.actor()).isEqualTo("bob");
        assertThat(line.at()).isEqualTo(AT);
        assertThat(line.english()).isFalse();
        assertThat(line.entry()).isNull();
        assertThat(line.segments())
                .contains(new Timeline.Segment("file", "l'annexe \"A\".pdf", null))
                .contains(new Timeline.Segment("hash", "3f2a1b9c…", null));
        var text = line.segments().stream()
                .filter(s -> s.kind().equals("text"))
                .map(Timeline.Segment::text)
                .reduce("", String::concat);
        assertThat(text)
                .contains(messages().getMessage("audit.document-type.pdf", null, locale))
                .contains(messages().getMessage("documents.kilobytes", new Object[] {12L}, locale))
                .contains("SHA-256")
                .doesNotContain("{", "\uE000", "''", "application/pdf");
    }

    @Test
    void aDocumentOfATypeWithoutAShortNameIsSaidByItsContentType() {
        var line = new Timeline(messages(), Locale.FRENCH, new Times())
                .line(document("x.bin", "application/x-unknown", 10, AT));
        assertThat(line.segments()).contains(Timeline.Segment.text("application/x-unknown"));
    }

    @Test
    void documentsAreMergedIntoTheTrailByTimeWhichKeepsItsOwnOrder() {
        var timeline = new Timeline(messages(), Locale.ENGLISH, new Times());
        var first = entryAt(AT, "first");
        var second = entryAt(AT.plusSeconds(60), "second");
        // Stored last but earlier: the trail's order is kept, not re-sorted.
        var late = entryAt(AT.minusSeconds(3600), "late");
        var before = document("before.pdf", "application/pdf", 1, AT.minusSeconds(1));
        var sameInstant = document("same.pdf", "application/pdf", 1, AT);
        var between = document("between.pdf", "application/pdf", 1, AT.plusSeconds(30));
        var after = document("after.pdf", "application/pdf", 1, AT.plusSeconds(7200));

        var lines = timeline.lines(List.of(first, second, late), List.of(before, sameInstant, between, after));

        assertThat(lines)
                .extracting(l ->
                        l.entry() != null ? l.entry().action() : l.document().fileName())
                .containsExactly("before.pdf", "first", "same.pdf", "between.pdf", "second", "late", "after.pdf");
    }

    private static AttachmentInfo document(String name, String type, long size, Instant at) {
        return new AttachmentInfo(
                UUID.randomUUID(), UUID.randomUUID(), name, type, size, "3f2a1b9c" + "0".repeat(56), at, "bob");
    }

    private static AuditEntry entryAt(Instant at, String action) {
        return new AuditEntry(
                1,
                UUID.randomUUID(),
                "XA-MLA-2026-000001",
                at,
                "alice",
                action,
                1,
                2,
                "draft",
                "withdrawn",
                null,
                null);
    }

    private static AuditEntry entry(List<AuditAction> actions, Boolean assessmentFailed) {
        return new AuditEntry(
                1,
                UUID.randomUUID(),
                "XA-MLA-2026-000001",
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
