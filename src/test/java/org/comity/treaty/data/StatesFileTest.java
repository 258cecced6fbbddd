package org.comity.treaty.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.treaty.RegisteredState;
import org.comity.treaty.domain.StateRegistry;
import org.junit.jupiter.api.Test;

/** The shipped registry names every State in English, French and Arabic, each from a named source. */
class StatesFileTest {

    static final Locale ARABIC = Locale.forLanguageTag("ar");

    static List<RegisteredState> shipped() throws IOException {
        try (var in = StatesFileTest.class.getResourceAsStream("/treaty/states.csv")) {
            return StatesFile.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static boolean arabic(String text) {
        return text.codePoints().anyMatch(cp -> Character.UnicodeBlock.of(cp) == Character.UnicodeBlock.ARABIC);
    }

    @Test
    void everyUnMemberStateHasItsUntermArabicShortName() throws IOException {
        var members = shipped().stream()
                .filter(s -> s.unStatus() == RegisteredState.UnStatus.MEMBER)
                .toList();
        assertThat(members).hasSize(193);
        assertThat(members).allSatisfy(s -> {
            assertThat(arabic(s.nameAr())).as(s.code().value()).isTrue();
            assertThat(s.nameAr())
                    .as(s.code().value())
                    .doesNotContain("*")
                    .isEqualTo(s.nameAr().strip());
            assertThat(s.source()).as(s.code().value()).contains("Arabic: UNTERM Arabic Short");
        });
        // No two States share a name in any language.
        assertThat(members.stream().map(RegisteredState::nameAr).distinct()).hasSize(193);
    }

    @Test
    void observersAndTheEuNameTheirArabicSource() throws IOException {
        var byCode = shipped().stream()
                .collect(java.util.stream.Collectors.toMap(s -> s.code().value(), s -> s));
        assertThat(byCode.get("PS").nameAr()).isEqualTo("دولة فلسطين");
        assertThat(byCode.get("VA").nameAr()).isEqualTo("الكرسي الرسولي");
        assertThat(byCode.get("EU").nameAr()).isEqualTo("الاتحاد الأوروبي");
        assertThat(byCode.get("EU").source()).contains("CLDR").contains("JDK 25");
    }

    @Test
    void theNameFollowsTheReadersLanguage() throws IOException {
        var chile = shipped().stream()
                .filter(s -> s.code().value().equals("CL"))
                .findFirst()
                .orElseThrow();
        assertThat(chile.name(Locale.ENGLISH)).isEqualTo("Chile");
        assertThat(chile.name(Locale.FRENCH)).isEqualTo("Chili");
        assertThat(chile.name(Locale.CANADA_FRENCH)).isEqualTo("Chili");
        assertThat(chile.name(ARABIC)).isEqualTo("شيلي");
        assertThat(chile.name(Locale.forLanguageTag("ar-EG"))).isEqualTo("شيلي");
        assertThat(chile.name(Locale.GERMAN)).isEqualTo("Chile");
    }

    @Test
    void aFictionalStateIsSaidToBeFictionalInArabicToo() {
        var registry = new StateRegistry(List.of(), true);
        var xa = registry.find(new CountryCode("XA")).orElseThrow();
        assertThat(xa.name(ARABIC)).isEqualTo("دولة افتراضية XA");
        assertThat(xa.name(Locale.FRENCH)).isEqualTo("État fictif XA");
        assertThat(xa.name(Locale.ENGLISH)).isEqualTo("Fictional State XA");
    }

    @Test
    void aRowWithoutAnArabicNameIsRefused() {
        String csv =
                String.join(",", StatesFile.HEADER) + "\n" + "FR,FRA,France,France,,state,member,a source,2023-04-27\n";
        assertThatThrownBy(() -> StatesFile.read(csv))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(
                                ((InvalidInput) e).violations().getFirst().message())
                        .contains("Arabic"));
    }
}
