package org.comity.treaty.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.comity.treaty.domain.Fixtures.action;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.comity.shared.CountryCode;
import org.comity.treaty.ActionType;
import org.comity.treaty.Answer;
import org.comity.treaty.TreatyAction;
import org.comity.treaty.domain.InstrumentStatus.InForceSince;
import org.comity.treaty.domain.InstrumentStatus.NotInForce;
import org.comity.treaty.domain.InstrumentStatus.Undetermined;
import org.junit.jupiter.api.Test;

class EntryIntoForceTest {

    static final LocalDate FORTIETH = LocalDate.parse("2027-03-10");

    /** 40 ratifications, one a day, the 40th on {@link #FORTIETH}. */
    static List<TreatyAction> forty() {
        var actions = new ArrayList<TreatyAction>();
        var states = Fixtures.states(40);
        for (int i = 0; i < 40; i++) {
            actions.add(action(
                    "XUNCC",
                    states.get(i),
                    ActionType.RATIFICATION,
                    FORTIETH.minusDays(39 - i).toString()));
        }
        return actions;
    }

    static EntryIntoForce global(List<TreatyAction> actions) {
        return new EntryIntoForce(Fixtures.global(), actions, Fixtures.REIO::equals);
    }

    @Test
    void thirtyNineInstrumentsAreNotEnough() {
        var engine = global(forty().subList(0, 39));
        assertThat(engine.status()).isInstanceOf(NotInForce.class);
        assertThat(engine.progress(FORTIETH).missing()).isEqualTo(1);
        assertThat(engine.forState(CountryCode.of("XA"), LocalDate.parse("2030-01-01"))
                        .answer())
                .isEqualTo(Answer.NO);
    }

    @Test
    void inForceOnTheNinetiethDayAfterTheFortiethDeposit() {
        var engine = global(forty());
        assertThat(engine.status())
                .isInstanceOfSatisfying(
                        InForceSince.class,
                        s -> assertThat(s.date())
                                .isEqualTo(FORTIETH.plusDays(90))
                                .isEqualTo(LocalDate.parse("2027-06-08")));
        var first = CountryCode.of("XA");
        assertThat(engine.forState(first, LocalDate.parse("2027-06-07")).answer())
                .isEqualTo(Answer.NO);
        var bound = engine.forState(first, LocalDate.parse("2027-06-08"));
        assertThat(bound.answer()).isEqualTo(Answer.YES);
        assertThat(bound.since()).contains(LocalDate.parse("2027-06-08"));
        assertThat(bound.reasons())
                .anySatisfy(r -> assertThat(r.citations())
                        .anySatisfy(c -> assertThat(c.text()).isEqualTo("XUNCC Art 65(1)")));
    }

    @Test
    void ninetyDaysAcrossTheTwentyNinthOfFebruary() {
        var actions = new ArrayList<TreatyAction>();
        var states = Fixtures.states(40);
        for (String state : states) {
            actions.add(action("XUNCC", state, ActionType.ACCESSION, "2028-01-15"));
        }
        // 2028 is a leap year: 16 days of January + 29 + 31 + 14 = 90.
        assertThat(global(actions).status())
                .isInstanceOfSatisfying(
                        InForceSince.class, s -> assertThat(s.date()).isEqualTo(LocalDate.parse("2028-04-14")));
    }

    @Test
    void aFortyFirstDepositAfterEntryIntoForceBindsOnTheThirtiethDay() {
        var actions = new ArrayList<>(forty());
        actions.add(action("XUNCC", "ZZ", ActionType.RATIFICATION, "2027-09-01"));
        var late = global(actions).forState(CountryCode.of("ZZ"), LocalDate.parse("2027-10-01"));
        assertThat(late.answer()).isEqualTo(Answer.YES);
        assertThat(late.since()).contains(LocalDate.parse("2027-10-01"));
        assertThat(global(actions)
                        .forState(CountryCode.of("ZZ"), LocalDate.parse("2027-09-30"))
                        .answer())
                .isEqualTo(Answer.NO);
    }

    @Test
    void aLaterDepositBeforeEntryIntoForceWaitsForTheConvention() {
        var actions = new ArrayList<>(forty());
        // 41st, ten days after the 40th: its own 30 days end before the convention's 90.
        actions.add(action(
                "XUNCC", "ZZ", ActionType.RATIFICATION, FORTIETH.plusDays(10).toString()));
        var result = global(actions).forState(CountryCode.of("ZZ"), FORTIETH.plusDays(90));
        assertThat(result.since()).contains(FORTIETH.plusDays(90));
        assertThat(global(actions)
                        .forState(CountryCode.of("ZZ"), FORTIETH.plusDays(89))
                        .answer())
                .isEqualTo(Answer.NO);
    }

    @Test
    void aReioInstrumentDoesNotCountInAddition() {
        var actions = new ArrayList<>(forty().subList(0, 39));
        actions.add(action("XUNCC", Fixtures.REIO.value(), ActionType.APPROVAL, "2027-03-10"));
        var engine = global(actions);
        assertThat(engine.status()).isInstanceOf(NotInForce.class);
        assertThat(engine.progress(FORTIETH).counted()).isEqualTo(39);
        // Once in force, the REIO itself is bound like a later party.
        actions.add(action("XUNCC", "ZZ", ActionType.RATIFICATION, "2027-03-11"));
        var inForce = global(actions);
        assertThat(inForce.status())
                .isInstanceOfSatisfying(
                        InForceSince.class, s -> assertThat(s.date()).isEqualTo(LocalDate.parse("2027-06-09")));
        assertThat(inForce.forState(Fixtures.REIO, LocalDate.parse("2027-06-09"))
                        .answer())
                .isEqualTo(Answer.YES);
    }

    @Test
    void signatureAloneNeverBinds() {
        var actions = new ArrayList<>(forty());
        actions.add(action("XUNCC", "ZZ", ActionType.SIGNATURE, "2026-01-01"));
        var result = global(actions).forState(CountryCode.of("ZZ"), LocalDate.parse("2030-01-01"));
        assertThat(result.answer()).isEqualTo(Answer.NO);
        assertThat(result.reasons().getFirst().text()).contains("signature alone does not bind");
    }

    @Test
    void denunciationTakesEffectOneYearLaterAcrossALeapDay() {
        var actions = new ArrayList<>(forty());
        actions.add(action("XUNCC", "XA", ActionType.DENUNCIATION, "2028-02-29"));
        var engine = global(actions);
        // One year after 29 February 2028 is 28 February 2029 (calendar arithmetic).
        assertThat(engine.forState(CountryCode.of("XA"), LocalDate.parse("2029-02-27"))
                        .answer())
                .isEqualTo(Answer.YES);
        assertThat(engine.forState(CountryCode.of("XA"), LocalDate.parse("2029-02-28"))
                        .answer())
                .isEqualTo(Answer.NO);
    }

    @Test
    void unknownDepositDatesMakeAnswersUnknownNotGuesses() {
        var actions = new ArrayList<>(forty().subList(0, 39));
        actions.add(action("XUNCC", "ZZ", ActionType.RATIFICATION, null));
        var engine = global(actions);
        assertThat(engine.status()).isInstanceOf(Undetermined.class);
        assertThat(engine.forState(CountryCode.of("XA"), LocalDate.parse("2040-01-01"))
                        .answer())
                .isEqualTo(Answer.UNKNOWN);
        assertThat(engine.progress(FORTIETH).countedWithUnknownDate()).isEqualTo(1);
        assertThat(engine.progress(FORTIETH).inForce()).isEqualTo(Answer.UNKNOWN);
    }

    @Test
    void aKnownUpperBoundDecidesWhatItCan() {
        var actions = new ArrayList<>(forty());
        // XA has a second, undated record of its ratification: its date is only "on or before".
        actions.add(action("XUNCC", "XA", ActionType.RATIFICATION, null));
        var engine = global(actions);
        assertThat(engine.status())
                .isInstanceOfSatisfying(
                        Undetermined.class, u -> assertThat(u.atTheLatest()).contains(FORTIETH.plusDays(90)));
        assertThat(engine.forState(CountryCode.of("XB"), FORTIETH.plusDays(90)).answer())
                .isEqualTo(Answer.YES);
        assertThat(engine.forState(CountryCode.of("XB"), FORTIETH.plusDays(89)).answer())
                .isEqualTo(Answer.UNKNOWN);
    }

    static final Set<CountryCode> MEMBERS =
            Set.of("XA", "XB", "XC", "XD").stream().map(CountryCode::of).collect(Collectors.toSet());

    @Test
    void regionalNeedsThreeMembersAmongTheFiveAndLandsOnTheFirstOfTheMonth() {
        var actions = List.of(
                action("XETS", "QM", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "QN", ActionType.RATIFICATION, "2003-02-10"),
                action("XETS", "XA", ActionType.RATIFICATION, "2003-03-10"),
                action("XETS", "XB", ActionType.RATIFICATION, "2003-04-10"),
                action("XETS", "QP", ActionType.RATIFICATION, "2003-05-10"),
                // fifth instrument already, but only two members: the threshold waits for a third member
                action("XETS", "XC", ActionType.RATIFICATION, "2004-03-18"));
        var engine = new EntryIntoForce(Fixtures.regional(MEMBERS), actions, c -> false);
        // 18 March + three months = 18 June; first day of the following month = 1 July 2004.
        assertThat(engine.status())
                .isInstanceOfSatisfying(
                        InForceSince.class, s -> assertThat(s.date()).isEqualTo(LocalDate.parse("2004-07-01")));
    }

    @Test
    void regionalMonthEndRuleForLaterParties() {
        var base = new ArrayList<>(List.of(
                action("XETS", "XA", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "XB", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "XC", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "XD", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "QM", ActionType.RATIFICATION, "2003-01-10")));
        // 30 November 2023 + three months = 29 February 2024 (leap year); then 1 March 2024.
        base.add(action("XETS", "QN", ActionType.ACCESSION, "2023-11-30"));
        // 31 March + three months = 30 June; then 1 July, not 1 August.
        base.add(action("XETS", "QP", ActionType.ACCESSION, "2024-03-31"));
        // 1 February + three months = 1 May; then 1 June.
        base.add(action("XETS", "QR", ActionType.ACCESSION, "2024-02-01"));
        var engine = new EntryIntoForce(Fixtures.regional(MEMBERS), base, c -> false);
        assertThat(engine.forState(CountryCode.of("QN"), LocalDate.parse("2024-03-01"))
                        .since())
                .contains(LocalDate.parse("2024-03-01"));
        assertThat(engine.forState(CountryCode.of("QN"), LocalDate.parse("2024-02-29"))
                        .answer())
                .isEqualTo(Answer.NO);
        assertThat(engine.forState(CountryCode.of("QP"), LocalDate.parse("2024-07-01"))
                        .since())
                .contains(LocalDate.parse("2024-07-01"));
        assertThat(engine.forState(CountryCode.of("QR"), LocalDate.parse("2024-06-01"))
                        .since())
                .contains(LocalDate.parse("2024-06-01"));
    }

    @Test
    void regionalDenunciationOnTheFirstOfTheMonthAfterThreeMonths() {
        var actions = new ArrayList<>(List.of(
                action("XETS", "XA", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "XB", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "XC", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "XD", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "QM", ActionType.RATIFICATION, "2003-01-10"),
                action("XETS", "QM", ActionType.DENUNCIATION, "2025-10-31")));
        var engine = new EntryIntoForce(Fixtures.regional(MEMBERS), actions, c -> false);
        // 31 October + three months = 31 January; first day of the following month: 1 February 2026.
        assertThat(engine.forState(CountryCode.of("QM"), LocalDate.parse("2026-01-31"))
                        .answer())
                .isEqualTo(Answer.YES);
        assertThat(engine.forState(CountryCode.of("QM"), LocalDate.parse("2026-02-01"))
                        .answer())
                .isEqualTo(Answer.NO);
    }

    @Test
    void unknownGroupMembershipLeavesTheThresholdUndetermined() {
        var regional = Fixtures.regional(Set.of());
        var rule = regional.entryIntoForce().orElseThrow();
        var unknownMembers = new ThresholdRule(
                rule.required(),
                rule.counting(),
                rule.reioCountsInAddition(),
                java.util.Optional.of(
                        new ThresholdRule.GroupMinimum(new Group("members", "members", java.util.Optional.empty()), 3)),
                rule.effective(),
                rule.cites(),
                rule.laterParty());
        var instrument = new InstrumentDefinition(
                regional.id(),
                regional.kind(),
                regional.title(),
                regional.shortName(),
                regional.parent(),
                java.util.Optional.of(unknownMembers),
                regional.denunciation(),
                regional.recordedEntryIntoForce(),
                regional.appliesFrom(),
                regional.appliesBetween(),
                regional.bilateralParties(),
                regional.terminatedOn(),
                regional.source(),
                regional.asOf(),
                regional.articles(),
                Optional.empty());
        var actions = Fixtures.states(5).stream()
                .map(s -> action("XETS", s, ActionType.RATIFICATION, "2003-01-10"))
                .toList();
        assertThat(new EntryIntoForce(instrument, actions, c -> false).status()).isInstanceOf(Undetermined.class);
    }
}
