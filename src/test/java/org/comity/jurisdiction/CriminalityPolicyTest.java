package org.comity.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.comity.jurisdiction.domain.CriminalityPolicy;
import org.comity.shared.CountryCode;
import org.junit.jupiter.api.Test;

class CriminalityPolicyTest {

    static final ConductCode ACCESS = new ConductCode("illegal-access");
    static final ConductCode IMAGES = new ConductCode("non-consensual-intimate-images");

    static Profile profile(String state, Offence... offences) {
        return new Profile(
                CountryCode.of(state),
                true,
                LocalDate.of(2026, 1, 1),
                List.of(),
                List.of(offences),
                List.of(),
                null,
                null);
    }

    static Offence offence(String provision, MaxPenalty max, ConductCode... conduct) {
        return new Offence(provision, provision, Set.of(conduct), max, Set.of(), "fictional");
    }

    @Test
    void dualCriminalityLooksAtConductNotAtNames() {
        var xa = profile("XA", offence("Hacking Act s.1 'electronic trespass'", MaxPenalty.months(12), ACCESS));
        var xb = profile("XB", offence("Penal Code 99 'violation of secrecy of data'", MaxPenalty.months(36), ACCESS));
        var answer = CriminalityPolicy.dualCriminality(
                CriminalityPolicy.criminality(xa.state(), Optional.of(xa), ACCESS),
                CriminalityPolicy.criminality(xb.state(), Optional.of(xb), ACCESS));
        assertThat(answer).isInstanceOf(DualCriminality.Met.class);
    }

    @Test
    void notCriminalInOneStateIsNotMet() {
        var xa = profile("XA", offence("s.1", MaxPenalty.months(24), IMAGES));
        var qm = profile("QM", offence("s.2", MaxPenalty.months(24), ACCESS));
        var answer = CriminalityPolicy.dualCriminality(
                CriminalityPolicy.criminality(xa.state(), Optional.of(xa), IMAGES),
                CriminalityPolicy.criminality(qm.state(), Optional.of(qm), IMAGES));
        assertThat(answer)
                .isInstanceOfSatisfying(
                        DualCriminality.NotMet.class,
                        n -> assertThat(n.notCriminalIn())
                                .extracting(Criminality::state)
                                .containsExactly(CountryCode.of("QM")));
    }

    @Test
    void aMissingProfileIsUnknownNotAGuess() {
        var xa = profile("XA", offence("s.1", MaxPenalty.months(24), ACCESS));
        var answer = CriminalityPolicy.dualCriminality(
                CriminalityPolicy.criminality(xa.state(), Optional.of(xa), ACCESS),
                CriminalityPolicy.criminality(CountryCode.of("QZ"), Optional.empty(), ACCESS));
        assertThat(answer).isInstanceOf(DualCriminality.Unknown.class);
    }

    @Test
    void seriousCrimeIsMeasuredOnTheMostSevereMaximum() {
        var xa = profile(
                "XA",
                offence("basic", MaxPenalty.months(24), ACCESS),
                offence("aggravated", MaxPenalty.months(48), ACCESS));
        var criminality = CriminalityPolicy.criminality(xa.state(), Optional.of(xa), ACCESS);
        assertThat(criminality)
                .isInstanceOfSatisfying(
                        Criminality.Criminal.class, c -> assertThat(c.maximum()).isEqualTo(MaxPenalty.months(48)));
        assertThat(CriminalityPolicy.isSerious(criminality, 48)).isTrue();
        assertThat(CriminalityPolicy.isSerious(criminality, 49)).isFalse();
    }

    @Test
    void lifeAndDeathAreMoreSevereThanAnyTerm() {
        assertThat(new MaxPenalty.Life().atLeastMonths(1200)).isTrue();
        assertThat((MaxPenalty) new MaxPenalty.Death()).isGreaterThan(new MaxPenalty.Life());
        assertThat((MaxPenalty) new MaxPenalty.Life()).isGreaterThan(MaxPenalty.months(1200));
        assertThat(MaxPenalty.months(47).atLeastMonths(48)).isFalse();
    }
}
