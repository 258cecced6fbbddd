package org.comity.treaty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.Test;

/** The properties the rules read instead of naming kinds: domain.md §2 and §4 in one table. */
class KindOfAssistanceTest {

    @Test
    void intrusivenessFollowsTheScaleOfDomainTwo() {
        assertThat(Arrays.stream(KindOfAssistance.values())
                        .filter(KindOfAssistance::seeksData)
                        .filter(k -> !k.emergency())
                        .sorted(Comparator.comparingInt(KindOfAssistance::intrusiveness))
                        .toList())
                .containsExactly(
                        KindOfAssistance.EXPEDITED_PRESERVATION,
                        KindOfAssistance.PRESERVED_TRAFFIC_DISCLOSURE,
                        KindOfAssistance.STORED_DATA,
                        KindOfAssistance.REAL_TIME_TRAFFIC,
                        KindOfAssistance.INTERCEPTION);
        assertThat(KindOfAssistance.EXTRADITION.intrusiveness()).isZero();
    }

    @Test
    void onlyRealTimeCollectionAndInterceptionContinueAndOnlyInterceptionSeeksContentAsSuch() {
        assertThat(Arrays.stream(KindOfAssistance.values()).filter(KindOfAssistance::continuing))
                .containsExactly(KindOfAssistance.REAL_TIME_TRAFFIC, KindOfAssistance.INTERCEPTION);
        assertThat(Arrays.stream(KindOfAssistance.values()).filter(KindOfAssistance::seeksContent))
                .containsExactly(KindOfAssistance.INTERCEPTION);
        assertThat(KindOfAssistance.REAL_TIME_TRAFFIC.maySeek()).containsExactly(DataCategory.TRAFFIC);
        assertThat(KindOfAssistance.EXTRADITION.seeksData()).isFalse();
    }

    @Test
    void aRealTimeReservationLimitsRealTimeTrafficCollectionOnly() {
        var limited = new ReservationEffect.RealTimeCollectionLimited(java.util.List.of("unauthorised-access"));
        assertThat(Arrays.stream(KindOfAssistance.values()).filter(limited::limits))
                .containsExactly(KindOfAssistance.REAL_TIME_TRAFFIC);
    }

    @Test
    void codesAreStableAndUnknownCodesAreRefused() {
        for (var kind : KindOfAssistance.values()) {
            assertThat(KindOfAssistance.ofCode(kind.code())).isSameAs(kind);
        }
        assertThat(KindOfAssistance.PRESERVED_TRAFFIC_DISCLOSURE.code()).isEqualTo("preserved-traffic-disclosure");
        assertThatThrownBy(() -> KindOfAssistance.ofCode("dragnet")).isInstanceOf(IllegalArgumentException.class);
    }
}
