package org.comity.treaty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.testing.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the shipped reference data answers, where its gaps must show as "unknown" and not as "no". */
@NodeTest
class ShippedDataAnswersTest {

    static final Optional<LocalDate> DAY = Optional.of(LocalDate.of(2026, 11, 23));

    @Autowired
    Treaties treaties;

    @Test
    void aResearchedPartyIsBound() {
        assertThat(treaties.inForce("ETS185", CountryCode.of("FR"), DAY).answer())
                .isEqualTo(Answer.YES);
    }

    @Test
    void partiesNToZAreNowOnRecord() {
        // Once answered "unknown" (Parties N-Z were not researched); the chart of 25/04/2026 gives their dates.
        var us = treaties.inForce("ETS185", CountryCode.of("US"), DAY);
        assertThat(us.answer()).isEqualTo(Answer.YES);
        assertThat(us.since()).contains(LocalDate.of(2007, 1, 1));
        assertThat(treaties.inForce("ETS185", CountryCode.of("GB"), DAY).since())
                .contains(LocalDate.of(2011, 9, 1));
        assertThat(treaties.inForce("ETS185", CountryCode.of("UA"), DAY).since())
                .contains(LocalDate.of(2006, 7, 1));
        assertThat(treaties.legalBasis(CountryCode.of("US"), CountryCode.of("DE"), DAY)
                        .answer())
                .isEqualTo(Answer.YES);
    }

    @Test
    void aReportedRatificationIsSaidToBeUnconfirmed() {
        var azerbaijan = treaties.inForce("UNCC", CountryCode.of("AZ"), DAY);
        assertThat(azerbaijan.answer()).isEqualTo(Answer.NO);
        assertThat(azerbaijan.reasons()).anySatisfy(r -> assertThat(r.text()).contains("not confirmed as deposited"));
    }

    @Test
    void aResearchedStateWithoutAnyActionIsNotBound() {
        assertThat(treaties.inForce("ETS185", CountryCode.of("CN"), DAY).answer())
                .isEqualTo(Answer.NO);
    }

    @Test
    void theEuRegulationBindsMemberStatesOnlyAndNeverMakesOutsidersUnknown() {
        var brazilIndia = treaties.legalBasis(CountryCode.of("BR"), CountryCode.of("IN"), DAY);
        assertThat(brazilIndia.instruments())
                .filteredOn(o -> o.instrument().equals("EU-2023-1543"))
                .singleElement()
                .satisfies(o -> assertThat(o.answer()).isEqualTo(Answer.NO));
        var franceGermany = treaties.legalBasis(CountryCode.of("FR"), CountryCode.of("DE"), DAY);
        assertThat(franceGermany.instruments())
                .filteredOn(o -> o.instrument().equals("EU-2023-1543"))
                .singleElement()
                .satisfies(o -> assertThat(o.answer()).isEqualTo(Answer.YES));
        var franceDenmark = treaties.legalBasis(CountryCode.of("FR"), CountryCode.of("DK"), DAY);
        assertThat(franceDenmark.instruments())
                .filteredOn(o -> o.instrument().equals("EU-2023-1543"))
                .singleElement()
                .satisfies(o -> assertThat(o.answer()).isEqualTo(Answer.NO));
    }
}
