package org.comity.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shortest period that applies sets a package's retention; unset periods never apply. */
class RetentionPolicyTest {

    static final Instant FROM = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void theShortestApplyingPeriodWinsAndNamesItsRule() {
        var policy = new RetentionPolicy(Duration.ofDays(3650), Duration.ofDays(730), Duration.ofDays(365));
        assertThat(policy.decide(FROM, RetentionPolicy.Conditions.NONE))
                .isEqualTo(new RetentionPolicy.Decision(FROM.plus(Duration.ofDays(3650)), "default"));
        assertThat(policy.decide(FROM, new RetentionPolicy.Conditions(true, false)))
                .isEqualTo(new RetentionPolicy.Decision(FROM.plus(Duration.ofDays(730)), "speciality"));
        assertThat(policy.decide(FROM, new RetentionPolicy.Conditions(true, true)))
                .isEqualTo(new RetentionPolicy.Decision(FROM.plus(Duration.ofDays(365)), "onward-transfer"));
    }

    @Test
    void aConditionWithoutAConfiguredPeriodOrWithALongerOneKeepsTheDefault() {
        var unset = new RetentionPolicy(Duration.ofDays(100), null, null);
        assertThat(unset.decide(FROM, new RetentionPolicy.Conditions(true, true))
                        .rule())
                .isEqualTo("default");
        var longer = new RetentionPolicy(Duration.ofDays(100), Duration.ofDays(200), null);
        assertThat(longer.decide(FROM, new RetentionPolicy.Conditions(true, false))
                        .rule())
                .isEqualTo("default");
        assertThatThrownBy(() -> new RetentionPolicy(Duration.ofDays(100), Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
