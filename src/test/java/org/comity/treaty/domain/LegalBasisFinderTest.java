package org.comity.treaty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.comity.treaty.domain.Fixtures.action;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.treaty.ActionType;
import org.comity.treaty.Answer;
import org.comity.treaty.Reservation;
import org.comity.treaty.ReservationEffect;
import org.comity.treaty.TreatyAction;
import org.junit.jupiter.api.Test;

class LegalBasisFinderTest {

    static final CountryCode XA = CountryCode.of("XA");
    static final CountryCode XB = CountryCode.of("XB");
    static final CountryCode ZZ = CountryCode.of("ZZ");

    LegalBasisFinder finder(List<TreatyAction> actions, List<Reservation> reservations) {
        var global = Fixtures.global();
        var bilateral = new InstrumentDefinition(
                "XA-ZZ-MLAT",
                InstrumentKind.BILATERAL,
                "Treaty between XA and ZZ",
                "XA–ZZ MLAT",
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(LocalDate.parse("2010-01-01")),
                Optional.empty(),
                Optional.empty(),
                List.of(XA, ZZ),
                Optional.empty(),
                "test",
                Optional.empty(),
                Map.of(),
                Optional.empty());
        var catalogue = new Catalogue(List.of(global, bilateral));
        return new LegalBasisFinder(
                catalogue, Map.of("XUNCC", new EntryIntoForce(global, actions, c -> false)), reservations);
    }

    @Test
    void theGlobalConventionIsABasisOnlyWhenItBindsBoth() {
        var actions = new ArrayList<>(EntryIntoForceTest.forty());
        actions.add(action("XUNCC", "ZZ", ActionType.SIGNATURE, "2026-01-01"));
        var finder = finder(actions, List.of());
        var basis = finder.between(XA, XB, LocalDate.parse("2027-07-01"));
        assertThat(basis.answer()).isEqualTo(Answer.YES);
        assertThat(basis.instruments()).extracting(o -> o.instrument()).containsExactly("XUNCC");
        assertThat(basis.instruments().getFirst().reasons())
                .flatExtracting(r -> r.citations())
                .extracting(c -> c.tagged())
                .contains("XUNCC Art 65(1) [C]");

        var before = finder.between(XA, XB, LocalDate.parse("2027-06-07"));
        assertThat(before.answer()).isEqualTo(Answer.NO);

        // ZZ only signed the convention, but has a bilateral treaty with XA.
        var withZz = finder.between(ZZ, XA, LocalDate.parse("2027-07-01"));
        assertThat(withZz.instruments())
                .extracting(o -> o.instrument() + "=" + o.answer())
                .containsExactly("XUNCC=NO", "XA-ZZ-MLAT=YES");
        assertThat(withZz.answer()).isEqualTo(Answer.YES);
    }

    @Test
    void reservationsInEffectComeWithTheAnswer() {
        var preservation = new Reservation(
                "XUNCC",
                XB,
                Fixtures.cite("XUNCC", "42", "3"),
                Reservation.Kind.RESERVATION,
                new ReservationEffect.PreservationRequiresDualCriminality(),
                Optional.empty(),
                Optional.empty(),
                "fictional",
                LocalDate.parse("2026-01-01"));
        var withdrawn = new Reservation(
                "XUNCC",
                XA,
                Fixtures.cite("XUNCC", "42", "3"),
                Reservation.Kind.DECLARATION,
                new ReservationEffect.AcceptedLanguages(List.of("en")),
                Optional.empty(),
                Optional.of(LocalDate.parse("2027-01-01")),
                "fictional",
                LocalDate.parse("2026-01-01"));
        var basis = finder(EntryIntoForceTest.forty(), List.of(preservation, withdrawn))
                .between(XA, XB, LocalDate.parse("2027-07-01"));
        var option = basis.instruments().getFirst();
        assertThat(option.limitations()).containsExactly(preservation);
        assertThat(option.reasons())
                .anySatisfy(r -> assertThat(r.text())
                        .contains("XB reservation under XUNCC Art 42(3) [C]: refuses expedited preservation"));
    }

    @Test
    void anUnknownDepositDateGivesAnUnknownBasis() {
        var actions = new ArrayList<>(EntryIntoForceTest.forty());
        actions.add(action("XUNCC", "ZZ", ActionType.ACCESSION, null));
        var basis = finder(actions, List.of()).between(XB, ZZ, LocalDate.parse("2030-01-01"));
        assertThat(basis.answer()).isEqualTo(Answer.UNKNOWN);
    }
}
