package org.comity.treaty.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.comity.shared.CountryCode;
import org.comity.treaty.ActionType;
import org.comity.treaty.Answer;
import org.comity.treaty.InForce;
import org.comity.treaty.Standing;
import org.comity.treaty.TreatyAction;
import org.comity.treaty.domain.EntryIntoForce;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped treaty status against its sources (SOURCES.md §3): counts per instrument and a sample of
 * dates as the depositaries print them. For ETS 185 every Party's entry into force as the Council of
 * Europe chart prints it (kept in the record's note) must equal what the engine computes from the deposit
 * date and Art 36/37, so a mistyped date cannot pass unnoticed.
 */
class ShippedTreatyStatusTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    static final Pattern CHART_EIF = Pattern.compile("in force for it from (\\d{4}-\\d{2}-\\d{2})");

    static ReferenceData data;

    @BeforeAll
    static void load() {
        data = ReferenceData.load(false);
    }

    static List<TreatyAction> actions(String instrument) {
        return data.actions().stream()
                .filter(a -> a.instrument().equals(instrument))
                .toList();
    }

    static long count(String instrument, ActionType type, Standing standing) {
        return actions(instrument).stream()
                .filter(a -> a.type() == type && a.standing() == standing)
                .count();
    }

    static EntryIntoForce engine(String instrument, List<TreatyAction> extra) {
        var all = new ArrayList<>(actions(instrument));
        all.addAll(extra);
        return new EntryIntoForce(data.catalogue().instrument(instrument), all, data.states()::isReio);
    }

    static TreatyAction action(String instrument, String party, ActionType type, String date, Standing standing) {
        return new TreatyAction(
                instrument,
                CountryCode.of(party),
                type,
                Optional.ofNullable(date).map(LocalDate::parse),
                "test",
                Optional.of(DAY),
                Optional.empty(),
                "test",
                standing);
    }

    static Optional<LocalDate> date(String instrument, String party, ActionType type) {
        return actions(instrument).stream()
                .filter(a -> a.party().value().equals(party) && a.type() == type)
                .map(TreatyAction::date)
                .findFirst()
                .orElseThrow(() -> new AssertionError(instrument + " " + party + " " + type + " not shipped"));
    }

    @Test
    void budapestHasTheEightyOnePartiesOfTheChartOf25April2026() {
        assertThat(count("ETS185", ActionType.RATIFICATION, Standing.CONFIRMED)).isEqualTo(48);
        assertThat(count("ETS185", ActionType.ACCESSION, Standing.CONFIRMED)).isEqualTo(33);
        assertThat(count("ETS185", ActionType.SIGNATURE, Standing.CONFIRMED)).isEqualTo(50);
        assertThat(actions("ETS185")).allSatisfy(a -> {
            assertThat(a.date()).as(a.party() + " " + a.type()).isPresent();
            assertThat(a.confirmed()).isTrue();
        });
        var progress = engine("ETS185", List.of()).progress(DAY);
        // Art 36(3) counts ratification, acceptance and approval; the 33 accessions (Art 37) do not count.
        assertThat(progress.counted()).isEqualTo(48);
        assertThat(progress.countedWithUnknownDate()).isZero();
        // Ireland and South Africa signed and never ratified: signatories without a consent record.
        assertThat(actions("ETS185").stream()
                        .filter(a -> a.party().value().equals("IE")
                                || a.party().value().equals("ZA"))
                        .map(TreatyAction::type))
                .containsOnly(ActionType.SIGNATURE);
    }

    @Test
    void everyBudapestPartyIsBoundFromTheDateTheChartPrints() {
        var engine = engine("ETS185", List.of());
        int checked = 0;
        for (TreatyAction consent : actions("ETS185")) {
            if (!consent.type().expressesConsent()) {
                continue;
            }
            var chart = CHART_EIF.matcher(consent.note().orElse(""));
            assertThat(chart.find())
                    .as("chart entry into force noted for " + consent.party())
                    .isTrue();
            var expected = LocalDate.parse(chart.group(1));
            var answer = engine.forState(consent.party(), DAY);
            assertThat(answer.answer()).as(consent.party().value()).isEqualTo(Answer.YES);
            assertThat(answer.since()).as(consent.party().value()).contains(expected);
            checked++;
        }
        assertThat(checked).isEqualTo(81);
    }

    @Test
    void budapestSampleDatesMatchTheChart() {
        assertThat(date("ETS185", "GB", ActionType.SIGNATURE)).contains(LocalDate.of(2001, 11, 23));
        assertThat(date("ETS185", "GB", ActionType.RATIFICATION)).contains(LocalDate.of(2011, 5, 25));
        assertThat(date("ETS185", "US", ActionType.RATIFICATION)).contains(LocalDate.of(2006, 9, 29));
        assertThat(date("ETS185", "UA", ActionType.RATIFICATION)).contains(LocalDate.of(2006, 3, 10));
        assertThat(date("ETS185", "AD", ActionType.RATIFICATION)).contains(LocalDate.of(2016, 11, 16));
        assertThat(date("ETS185", "JP", ActionType.RATIFICATION)).contains(LocalDate.of(2012, 7, 3));
        assertThat(date("ETS185", "NZ", ActionType.ACCESSION)).contains(LocalDate.of(2025, 8, 28));
        var engine = engine("ETS185", List.of());
        assertThat(since(engine, "GB")).contains(LocalDate.of(2011, 9, 1));
        assertThat(since(engine, "US")).contains(LocalDate.of(2007, 1, 1));
        assertThat(since(engine, "UA")).contains(LocalDate.of(2006, 7, 1));
        assertThat(since(engine, "AD")).contains(LocalDate.of(2017, 3, 1));
        assertThat(since(engine, "JP")).contains(LocalDate.of(2012, 11, 1));
        // The first five: bound from the Convention's own entry into force.
        assertThat(since(engine, "LT")).contains(LocalDate.of(2004, 7, 1));
        // A State that is only invited to accede (Republic of Korea) is not a Party.
        assertThat(engine.forState(CountryCode.of("KR"), DAY).answer()).isEqualTo(Answer.NO);
        assertThat(engine.forState(CountryCode.of("NZ"), LocalDate.of(2025, 11, 30))
                        .answer())
                .isEqualTo(Answer.NO);
    }

    static Optional<LocalDate> since(EntryIntoForce engine, String state) {
        return engine.forState(CountryCode.of(state), DAY).since();
    }

    @Test
    void unccSignaturesAreThoseOfTheDepositaryAndTheReportedOnesStaySeparate() {
        assertThat(count("UNCC", ActionType.SIGNATURE, Standing.CONFIRMED)).isEqualTo(65);
        assertThat(count("UNCC", ActionType.SIGNATURE, Standing.REPORTED)).isEqualTo(9);
        assertThat(actions("UNCC").stream()
                        .filter(a -> a.type().expressesConsent())
                        .filter(TreatyAction::confirmed))
                .isEmpty();
        assertThat(date("UNCC", "LU", ActionType.SIGNATURE)).contains(LocalDate.of(2025, 10, 25));
        assertThat(date("UNCC", "ML", ActionType.SIGNATURE)).contains(LocalDate.of(2025, 10, 26));
        assertThat(date("UNCC", "MU", ActionType.SIGNATURE)).contains(LocalDate.of(2025, 11, 19));
        assertThat(date("UNCC", "GB", ActionType.SIGNATURE)).isEmpty();
        var progress = engine("UNCC", List.of()).progress(DAY);
        assertThat(progress.counted()).isZero();
        assertThat(progress.signatures()).isEqualTo(65);
        assertThat(progress.reported()).isEqualTo(1);
        assertThat(progress.reportedSignatures()).isEqualTo(9);
        assertThat(progress.inForce()).isEqualTo(Answer.NO);
    }

    @Test
    void azerbaijansReportedRatificationIsShownButNeverCounted() {
        var azerbaijan = actions("UNCC").stream()
                .filter(a -> a.party().value().equals("AZ") && a.type() == ActionType.RATIFICATION)
                .findFirst()
                .orElseThrow();
        assertThat(azerbaijan.standing()).isEqualTo(Standing.REPORTED);
        assertThat(azerbaijan.date()).isEmpty();
        var answer = engine("UNCC", List.of()).forState(CountryCode.of("AZ"), DAY);
        assertThat(answer.answer()).isEqualTo(Answer.NO);
        assertThat(answer.reasons().getFirst().text()).contains("reported", "not confirmed as deposited");
    }

    @Test
    void aReportedInstrumentOfAnInstrumentInForceAnswersUnknownNotYes() {
        var engine = engine(
                "ETS185", List.of(action("ETS185", "KR", ActionType.ACCESSION, "2026-05-04", Standing.REPORTED)));
        InForce korea = engine.forState(CountryCode.of("KR"), DAY);
        assertThat(korea.answer()).isEqualTo(Answer.UNKNOWN);
        assertThat(engine.progress(DAY).counted()).isEqualTo(48);
        assertThat(engine.progress(DAY).reported()).isEqualTo(1);
    }

    @Test
    void theSecondProtocolHasThreeRatificationsAndItsArticle16Timing() {
        assertThat(count("CETS224", ActionType.SIGNATURE, Standing.CONFIRMED)).isEqualTo(52);
        assertThat(count("CETS224", ActionType.RATIFICATION, Standing.CONFIRMED))
                .isEqualTo(3);
        assertThat(date("CETS224", "RS", ActionType.RATIFICATION)).contains(LocalDate.of(2023, 2, 9));
        assertThat(date("CETS224", "JP", ActionType.RATIFICATION)).contains(LocalDate.of(2023, 8, 10));
        assertThat(date("CETS224", "HU", ActionType.RATIFICATION)).contains(LocalDate.of(2026, 2, 5));
        assertThat(date("CETS224", "BA", ActionType.SIGNATURE)).contains(LocalDate.of(2025, 11, 14));
        assertThat(date("CETS224", "FJ", ActionType.SIGNATURE)).contains(LocalDate.of(2025, 6, 5));
        assertThat(date("CETS224", "NO", ActionType.SIGNATURE)).contains(LocalDate.of(2025, 7, 9));
        assertThat(date("CETS224", "LV", ActionType.SIGNATURE)).contains(LocalDate.of(2025, 3, 27));
        assertThat(date("CETS224", "PE", ActionType.SIGNATURE)).contains(LocalDate.of(2024, 12, 12));
        assertThat(date("CETS224", "PY", ActionType.SIGNATURE)).contains(LocalDate.of(2024, 9, 24));
        assertThat(engine("CETS224", List.of()).progress(DAY).inForce()).isEqualTo(Answer.NO);
        // Two more ratifications (Spain, Norway: hypothetical dates): the fifth on 20 January 2027, three
        // months end on 20 April, so in force on 1 May 2027 (Art 16(3)).
        var fifth = engine(
                "CETS224",
                List.of(
                        action("CETS224", "ES", ActionType.RATIFICATION, "2027-01-15", Standing.CONFIRMED),
                        action("CETS224", "NO", ActionType.RATIFICATION, "2027-01-20", Standing.CONFIRMED)));
        assertThat(fifth.progress(LocalDate.of(2027, 6, 1)).entryIntoForce()).contains(LocalDate.of(2027, 5, 1));
        assertThat(fifth.forState(CountryCode.of("HU"), LocalDate.of(2027, 5, 1))
                        .answer())
                .isEqualTo(Answer.YES);
        assertThat(fifth.forState(CountryCode.of("HU"), LocalDate.of(2027, 4, 30))
                        .answer())
                .isEqualTo(Answer.NO);
        // A reported ratification does not complete the threshold.
        var reported = engine(
                "CETS224",
                List.of(
                        action("CETS224", "ES", ActionType.RATIFICATION, "2027-01-15", Standing.CONFIRMED),
                        action("CETS224", "NO", ActionType.RATIFICATION, "2027-01-20", Standing.REPORTED)));
        assertThat(reported.progress(LocalDate.of(2027, 6, 1)).inForce()).isEqualTo(Answer.NO);
    }
}
