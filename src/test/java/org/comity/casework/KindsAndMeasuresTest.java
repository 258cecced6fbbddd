package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.comity.casework.domain.KindOfAssistance;
import org.comity.safeguards.Measure;
import org.junit.jupiter.api.Test;

/**
 * Safeguards may not depend on casework, so it keeps its own list of measures: every kind of
 * assistance casework knows must map onto one, or assessing a request of that kind would fail.
 */
class KindsAndMeasuresTest {

    @Test
    void everyKindOfAssistanceIsAMeasureTheSafeguardsKnow() {
        assertThat(Arrays.stream(KindOfAssistance.values())
                        .map(k -> Measure.ofCode(k.code()).code()))
                .containsExactlyElementsOf(Arrays.stream(KindOfAssistance.values())
                        .map(KindOfAssistance::code)
                        .toList());
    }
}
