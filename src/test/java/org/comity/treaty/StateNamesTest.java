package org.comity.treaty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Locale;
import org.comity.shared.CountryCode;
import org.comity.treaty.data.ReferenceData;
import org.junit.jupiter.api.Test;

/** A State's label: its registry name in the reader's language with the code, or the code alone. */
class StateNamesTest {

    private static StateNames names(boolean fictionalStates) {
        return new StateNames(new Treaties(
                ReferenceData.load(fictionalStates),
                null,
                Clock.systemUTC(),
                new TreatyProperties(
                        java.util.Optional.of(fictionalStates),
                        java.util.Optional.empty(),
                        java.time.Period.ofDays(180))));
    }

    @Test
    void aRegisteredStateIsNamedInTheReadersLanguageWithItsCode() {
        var names = names(false);
        assertThat(names.label(new CountryCode("DE"), Locale.ENGLISH)).isEqualTo("Germany (DE)");
        assertThat(names.label(new CountryCode("DE"), Locale.FRENCH)).isEqualTo("Allemagne (DE)");
        assertThat(names.label(new CountryCode("DE"), Locale.forLanguageTag("ar")))
                .isEqualTo("ألمانيا (DE)");
        // Languages the registry has no names in read English.
        assertThat(names.label(new CountryCode("DE"), Locale.forLanguageTag("es")))
                .isEqualTo("Germany (DE)");
    }

    @Test
    void aCodeTheRegistryDoesNotHoldIsShownAsItIs() {
        assertThat(names(false).label(new CountryCode("XB"), Locale.ENGLISH)).isEqualTo("XB");
        assertThat(names(false).label(null, Locale.ENGLISH)).isEqualTo("—");
    }

    @Test
    void aFictionalStateIsNamedOnceWithItsCode() {
        assertThat(names(true).label(new CountryCode("XB"), Locale.ENGLISH)).isEqualTo("Fictional State XB");
        assertThat(names(true).label(new CountryCode("XB"), Locale.forLanguageTag("ar")))
                .isEqualTo("دولة افتراضية XB");
    }
}
