package org.comity.treaty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.treaty.data.ReferenceData;
import org.comity.treaty.persistence.JdbcTreatyRecords;
import org.junit.jupiter.api.Test;

/** Every answer says how current its treaty status is, and warns once that is older than allowed. */
class StatusAgeTest {

    static final ReferenceData DATA = ReferenceData.load(false);

    /** Only the shipped data: nothing added on the node. */
    static final JdbcTreatyRecords NOTHING_ADDED = new JdbcTreatyRecords(null) {
        @Override
        public List<TreatyAction> actions() {
            return List.of();
        }

        @Override
        public List<ReservationRow> reservations() {
            return List.of();
        }

        @Override
        public List<WithdrawalRow> withdrawals() {
            return List.of();
        }
    };

    static Treaties on(String day, Period maxAge) {
        var clock = Clock.fixed(LocalDate.parse(day).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        return new Treaties(
                DATA,
                NOTHING_ADDED,
                clock,
                new TreatyProperties(java.util.Optional.of(false), java.util.Optional.empty(), maxAge));
    }

    static boolean warns(List<Reason> reasons) {
        return reasons.stream().anyMatch(r -> r.text().startsWith("warning: this status is older than"));
    }

    @Test
    void anAnswerCarriesTheDateItsStatusIsAsOf() {
        var treaties = on("2026-05-01", Period.ofDays(180));
        var britain = treaties.inForce("ETS185", CountryCode.of("GB"), Optional.empty());
        assertThat(britain.answer()).isEqualTo(Answer.YES);
        assertThat(britain.reasons()).anySatisfy(r -> assertThat(r.text()).contains("is as of 2026-04-25"));
        assertThat(warns(britain.reasons())).isFalse();
        assertThat(treaties.statusAge("ETS185").stale()).isFalse();
    }

    @Test
    void olderThanTheConfiguredAgeEveryAnswerWarns() {
        var treaties = on("2026-12-02", Period.ofDays(180));
        assertThat(treaties.statusAge("ETS185").stale()).isTrue();
        assertThat(warns(treaties.inForce("ETS185", CountryCode.of("GB"), Optional.empty())
                        .reasons()))
                .isTrue();
        assertThat(warns(treaties.progress("UNCC", Optional.empty()).reasons())).isTrue();
        var basis = treaties.legalBasis(CountryCode.of("FR"), CountryCode.of("DE"), Optional.empty());
        assertThat(basis.instruments())
                .filteredOn(o -> o.instrument().equals("ETS185"))
                .singleElement()
                .satisfies(o -> assertThat(warns(o.reasons())).isTrue());
        // The EU Regulation has no treaty actions: no status age to report.
        assertThat(basis.instruments())
                .filteredOn(o -> o.instrument().equals("EU-2023-1543"))
                .singleElement()
                .satisfies(o -> assertThat(warns(o.reasons())).isFalse());
        // A longer allowance: the same day, no warning.
        assertThat(warns(on("2026-12-02", Period.ofYears(2))
                        .inForce("ETS185", CountryCode.of("GB"), Optional.empty())
                        .reasons()))
                .isFalse();
    }

    @Test
    void reportedRecordsDoNotMakeTheStatusCurrent() {
        // The UNCC's newest confirmed source is the depositary mirror of 2025-11-19; press reports of 2026
        // (Azerbaijan's law, Canada's signature) do not refresh it.
        assertThat(on("2026-12-02", Period.ofDays(180)).statusAge("UNCC").asOf())
                .contains(LocalDate.of(2025, 11, 19));
    }

    @Test
    void theMaximumAgeMustBePositive() {
        assertThatThrownBy(() ->
                        new TreatyProperties(java.util.Optional.of(false), java.util.Optional.empty(), Period.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("status-max-age");
    }
}
