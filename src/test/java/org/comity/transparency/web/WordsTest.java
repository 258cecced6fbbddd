package org.comity.transparency.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

class WordsTest {

    final StaticMessageSource messages = new StaticMessageSource();

    @Test
    void statesAreNamedInTheReadersLanguageAndFictionalCodesStayCodes() {
        messages.addMessage("log.state.unknown", Locale.ENGLISH, "Unknown State");
        var english = new Words(messages, Locale.ENGLISH, code -> null);
        assertThat(english.state("FR")).isEqualTo("France (FR)");
        assertThat(new Words(messages, Locale.FRENCH, code -> null).state("DE")).isEqualTo("Allemagne (DE)");
        assertThat(english.state("XA")).isEqualTo("XA");
        assertThat(english.state("XB")).isEqualTo("XB");
        assertThat(english.state("QM")).isEqualTo("QM");
        assertThat(english.state("ZZ")).isEqualTo("Unknown State (ZZ)");
    }

    @Test
    void theRegistrysNameComesBeforeTheLocaleData() {
        // The registry holds UNTERM short names: "شيلي" where the JDK's CLDR data says "تشيلي".
        var arabic = new Words(
                messages, Locale.forLanguageTag("ar"), code -> code.value().equals("CL") ? "شيلي" : null);
        assertThat(arabic.state("CL")).isEqualTo("شيلي (CL)");
        assertThat(arabic.state("FR")).isEqualTo("فرنسا (FR)");
        var fictional = new Words(messages, Locale.ENGLISH, code -> "Fictional State " + code);
        assertThat(fictional.state("XA")).isEqualTo("XA");
    }

    @Test
    void codesTheBundlesDoNotKnowAreShownAsCodes() {
        messages.addMessage("ground.PERSECUTION", Locale.ENGLISH, "Persecution");
        messages.addMessage("kind.STORED_DATA", Locale.ENGLISH, "Stored data");
        var words = new Words(messages, Locale.ENGLISH, code -> null);
        assertThat(words.ground("persecution")).isEqualTo("Persecution");
        assertThat(words.ground("art-40-21-b")).isEqualTo("art-40-21-b");
        assertThat(words.kind("stored-data")).isEqualTo("Stored data");
        assertThat(words.kind("a-new-kind")).isEqualTo("a-new-kind");
        assertThat(words.event("request-frozen")).isEqualTo("request-frozen");
    }
}
