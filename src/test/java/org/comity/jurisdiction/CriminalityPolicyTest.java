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

    static Profile profile(String state, List<Coverage> coverage, List<NotAnOffence> notOffences, Offence... offences) {
        return new Profile(
                CountryCode.of(state),
                true,
                LocalDate.of(2026, 1, 1),
                List.of(),
                List.of(offences),
                coverage,
                notOffences,
                List.of(),
                null,
                null);
    }

    static final ConductCode THREATS = new ConductCode("threats");

    @Test
    void notCriminalNeedsTheProfilesOwnStatement() {
        var xa = profile("XA", offence("s.1", MaxPenalty.months(24), IMAGES));
        var statement = new NotAnOffence(IMAGES, "Sharing intimate images is not an offence in QM.", "fictional");
        var qm = profile("QM", List.of(), List.of(statement), offence("s.2", MaxPenalty.months(24), ACCESS));
        var answer = CriminalityPolicy.dualCriminality(
                CriminalityPolicy.criminality(xa.state(), Optional.of(xa), IMAGES),
                CriminalityPolicy.criminality(qm.state(), Optional.of(qm), IMAGES));
        assertThat(answer)
                .isInstanceOfSatisfying(
                        DualCriminality.NotMet.class,
                        n -> assertThat(n.notCriminalIn()).singleElement().satisfies(c -> {
                            assertThat(c.state()).isEqualTo(CountryCode.of("QM"));
                            assertThat(c.statement()).isEqualTo(statement);
                        }));
    }

    /** The defect of issue 11: a profile listing a few offences was read as "everything else is not criminal". */
    @Test
    void conductAProfileDoesNotCoverIsUnknownWithTheReason() {
        var xb = profile("XB", offence("s.9", MaxPenalty.months(60), THREATS));
        var qm = profile(
                "QM",
                List.of(new Coverage(Set.of(ACCESS), "fictional", null)),
                List.of(),
                offence("s.2", MaxPenalty.months(24), ACCESS));
        var criminality = CriminalityPolicy.criminality(qm.state(), Optional.of(qm), THREATS);
        assertThat(criminality).isInstanceOfSatisfying(Criminality.Unknown.class, u -> {
            assertThat(u.why()).isEqualTo(Criminality.Why.NOT_COVERED);
            assertThat(u.reason()).contains("QM's profile").contains("not known");
        });
        assertThat(CriminalityPolicy.dualCriminality(
                        CriminalityPolicy.criminality(xb.state(), Optional.of(xb), THREATS), criminality))
                .isInstanceOf(DualCriminality.Unknown.class);
        assertThat(CriminalityPolicy.serious(criminality, 48)).isEmpty();
    }

    @Test
    void aListedOffenceIsCriminalAndCompleteOnlyWhereCovered() {
        var covered = profile(
                "XA",
                List.of(new Coverage(Set.of(ACCESS), "fictional", null)),
                List.of(),
                offence("s.1", MaxPenalty.months(24), ACCESS));
        var listed = profile("XB", offence("s.1", MaxPenalty.months(24), ACCESS));
        var complete = CriminalityPolicy.criminality(covered.state(), Optional.of(covered), ACCESS);
        var partial = CriminalityPolicy.criminality(listed.state(), Optional.of(listed), ACCESS);
        assertThat(complete)
                .isInstanceOfSatisfying(
                        Criminality.Criminal.class,
                        c -> assertThat(c.complete()).isTrue());
        assertThat(partial)
                .isInstanceOfSatisfying(
                        Criminality.Criminal.class,
                        c -> assertThat(c.complete()).isFalse());
        // Two years, covered completely: not serious. Two years among offences listed: a more severe one
        // may exist, so it cannot be told.
        assertThat(CriminalityPolicy.serious(complete, 48)).contains(false);
        assertThat(CriminalityPolicy.serious(partial, 48)).isEmpty();
        assertThat(CriminalityPolicy.serious(partial, 24)).contains(true);
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
