package org.comity.treaty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.comity.treaty.domain.Fixtures.action;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.comity.treaty.ActionType;
import org.comity.treaty.Reason;
import org.comity.treaty.ReasonText;
import org.comity.treaty.Reservation;
import org.comity.treaty.ReservationEffect;
import org.junit.jupiter.api.Test;

/**
 * The legal-basis reasoning in English, French and Arabic: every reason of the bundle renders in the three
 * languages with no placeholder left; French and Arabic are the bundle's own sentences, not the English ones;
 * a legal-basis answer read in French or Arabic shows the registry's names and no English sentence.
 */
class ReasonLanguagesTest {

    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("ar"));

    static final Pattern ARABIC = Pattern.compile("\\p{IsArabic}");

    /** Words of the English sentences that neither French nor Arabic sentences use. */
    static final Pattern ENGLISH = Pattern.compile("\\b(the|is|not|of|from|since|by|recorded|bound|between)\\b");

    static final ReasonText.Names NAMES =
            new ReasonText.Names((code, locale) -> Optional.of("«" + code + "»"), id -> Optional.empty());

    @Test
    void everyReasonRendersInEveryLanguageWithNoPlaceholderLeftAndIsTranslated() {
        var arguments = new LinkedHashMap<String, Object>();
        for (var name : List.of("instrument", "a", "b", "state")) {
            arguments.put(name, name.equals("instrument") ? Reason.instrument("UNCC") : new Reason.State("XA"));
        }
        for (var name :
                List.of("date", "reached", "asOf", "signed", "since", "entryIntoForce", "notified", "effective")) {
            arguments.put(name, LocalDate.parse("2026-03-02"));
        }
        for (var name : List.of("counted", "required", "count")) {
            arguments.put(name, 3);
        }
        arguments.putAll(Map.of("maxAge", "P1Y", "group", "G", "exact", "no", "floor", "yes", "source", "S"));
        arguments.putAll(Map.of("period", "P3M", "kind", "declaration", "article", "UNCC Art 42(3)"));
        arguments.putAll(Map.of("offences", "O", "authority", "A", "languages", "en"));
        arguments.put(
                "timing",
                new Reason.Part(
                        "part.timing", Map.of("period", "P3M", "day", new Reason.Part("part.day.that-day", Map.of()))));
        arguments.put("day", new Reason.Part("part.day.first-day-of-following-month", Map.of()));
        arguments.put("type", new Reason.Part("part.action.accession", Map.of()));
        arguments.put("types", List.of(new Reason.Part("part.action.ratification", Map.of())));
        arguments.put("effect", new Reason.Part("part.effect.article-not-applied", Map.of()));
        arguments.put("reservation", new Reason.Part("part.reservation", Map.copyOf(arguments)));
        int checked = 0;
        for (var key : ReasonText.keys()) {
            if (key.startsWith("name.")) {
                continue;
            }
            var english = Reason.of(key, arguments);
            for (var locale : LANGUAGES) {
                var text = ReasonText.localised(english, locale, NAMES).text();
                var where = key + " [" + locale + "]: " + text;
                assertThat(text).as(where).isNotBlank().doesNotContain("{", "}", "part.", "@");
                // "signature", "ratification": French shares these words with English.
                if (!locale.getLanguage().equals("en")
                        && !(key.startsWith("part.action.") && locale.equals(Locale.FRENCH))) {
                    assertThat(text)
                            .as(where)
                            .isNotEqualTo(ReasonText.localised(english, Locale.ENGLISH, NAMES)
                                    .text());
                }
                if (locale.getLanguage().equals("ar")) {
                    assertThat(ARABIC.matcher(text).find()).as(where).isTrue();
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(150);
    }

    @Test
    void pluralsFollowEachLanguage() {
        var one = Reason.of("progress.reported-signatures", Map.of("count", 1));
        var two = Reason.of("progress.reported-signatures", Map.of("count", 2));
        assertThat(one.text()).startsWith("1 further signature is");
        assertThat(two.text()).startsWith("2 further signatures are");
        assertThat(ReasonText.localised(one, Locale.FRENCH, NAMES).text()).startsWith("1 autre signature est");
        var arabicOne =
                ReasonText.localised(one, Locale.forLanguageTag("ar"), NAMES).text();
        var arabicTwo =
                ReasonText.localised(two, Locale.forLanguageTag("ar"), NAMES).text();
        assertThat(arabicOne).startsWith("توقيع إضافي واحد");
        assertThat(arabicTwo).startsWith("توقيعان");
    }

    @Test
    void aLegalBasisAnswerReadsInFrenchAndArabicWithTheRegistrysNames() {
        var reservation = new Reservation(
                "XUNCC",
                LegalBasisFinderTest.XB,
                Fixtures.cite("XUNCC", "42", "3"),
                Reservation.Kind.RESERVATION,
                new ReservationEffect.PreservationRequiresDualCriminality(),
                Optional.empty(),
                Optional.empty(),
                "fictional",
                LocalDate.parse("2026-01-01"));
        var actions = new ArrayList<>(EntryIntoForceTest.forty());
        actions.add(action("XUNCC", "ZZ", ActionType.SIGNATURE, "2026-01-01"));
        var finder = new LegalBasisFinderTest().finder(actions, List.of(reservation));
        var answers = List.of(
                finder.between(LegalBasisFinderTest.XA, LegalBasisFinderTest.XB, LocalDate.parse("2027-07-01")),
                finder.between(LegalBasisFinderTest.ZZ, LegalBasisFinderTest.XA, LocalDate.parse("2027-07-01")),
                finder.between(LegalBasisFinderTest.XA, LegalBasisFinderTest.XB, LocalDate.parse("2027-06-07")));
        int checked = 0;
        for (var basis : answers) {
            for (var locale : List.of(Locale.FRENCH, Locale.forLanguageTag("ar"))) {
                var read = basis.localised(r -> ReasonText.localised(r, locale, NAMES));
                for (int i = 0; i < basis.instruments().size(); i++) {
                    var englishReasons = basis.instruments().get(i).reasons();
                    var reasons = read.instruments().get(i).reasons();
                    assertThat(reasons).hasSameSizeAs(englishReasons);
                    for (int j = 0; j < reasons.size(); j++) {
                        var text = reasons.get(j).text();
                        var where = locale + ": " + text + " ("
                                + englishReasons.get(j).text() + ")";
                        assertThat(reasons.get(j).key()).as(where).isNotNull();
                        assertThat(text)
                                .as(where)
                                .doesNotContain("{", "}")
                                .isNotEqualTo(englishReasons.get(j).text());
                        assertThat(ENGLISH.matcher(text).find()).as(where).isFalse();
                        assertThat(reasons.get(j).citations())
                                .isEqualTo(englishReasons.get(j).citations());
                        checked++;
                    }
                }
            }
            // The stored English keeps the codes the safeguards quote.
            assertThat(basis.instruments().getFirst().reasons())
                    .allSatisfy(r -> assertThat(r.text()).doesNotContain("«"));
        }
        assertThat(checked).isGreaterThan(10);
        var french = answers.getFirst().localised(r -> ReasonText.localised(r, Locale.FRENCH, NAMES));
        assertThat(french.instruments().getFirst().reasons())
                .anySatisfy(r -> assertThat(r.text()).contains("«XB», réserve au titre de XUNCC Art 42(3) [C]"));
    }

    @Test
    void frenchAndArabicHoldExactlyTheEnglishKeysAndArabicIsolatesEveryArgument() throws IOException {
        var english = properties("treaty/reasons.properties");
        for (var language : List.of("fr", "ar")) {
            assertThat(properties("treaty/reasons_" + language + ".properties").stringPropertyNames())
                    .as(language)
                    .isEqualTo(english.stringPropertyNames());
        }
        var arabic = properties("treaty/reasons_ar.properties");
        var bare = Pattern.compile("(?<!\u2068)\\{[A-Za-z]+}|\\{[A-Za-z]+}(?!\u2069)");
        assertThat(arabic.stringPropertyNames().stream()
                        .filter(k -> bare.matcher(arabic.getProperty(k)).find())
                        .sorted()
                        .toList())
                .as("Arabic reasons with an argument not written \\u2068{name}\\u2069")
                .isEmpty();
        assertThat(arabic.stringPropertyNames().stream()
                        .filter(k -> !ARABIC.matcher(arabic.getProperty(k)).find())
                        .sorted()
                        .toList())
                .as("Arabic reasons with no Arabic letter")
                .isEmpty();
    }

    private static Properties properties(String path) throws IOException {
        var properties = new Properties();
        try (var in = new InputStreamReader(
                ReasonLanguagesTest.class.getClassLoader().getResourceAsStream(path), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }
}
