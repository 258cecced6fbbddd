package org.comity.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.comity.shared.Violation;
import org.junit.jupiter.api.Test;

class TravellingAttachmentsTest {

    static final TravellingAttachments DEFAULTS = new TravellingAttachments(20, 262_144, 393_216, 1_048_576);

    @Test
    void everyBrokenBoundIsNamedAtOnceWithItsField() {
        assertThat(DEFAULTS.check(List.of(1000L, 262_144L))).isEmpty();
        assertThat(DEFAULTS.check(List.of(262_145L, 200_000L)))
                .extracting(Violation::field, Violation::rule)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("attachments[0]", "attachment-too-large"),
                        org.assertj.core.groups.Tuple.tuple("attachments", "attachments-too-large"));
        assertThat(new TravellingAttachments(1, 10, 100, 1_048_576).check(List.of(1L, 1L)))
                .extracting(Violation::rule)
                .containsExactly("attachment-count");
    }

    @Test
    void theDefaultTotalWithTheRequestsContentFitsTheDefaultInbox() {
        // 384 KiB of documents, base64 in the payload, plus 16 KiB of request content.
        long payload = (393_216 + 2) / 3 * 4 + 16_384;
        assertThat(TravellingAttachments.sealedBytes(payload)).isLessThanOrEqualTo(1_048_576);
        assertThat(DEFAULTS.checkPayload(payload)).isEmpty();
        // Twice as much does not, and says so by the field and rule.
        assertThat(DEFAULTS.checkPayload(2 * payload)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("attachments");
            assertThat(v.rule()).isEqualTo("message-too-large");
        });
    }

    @Test
    void theEstimateIsNeverBelowTheTwoSealingLayers() {
        for (long p : new long[] {1, 1000, 500_000}) {
            double growth = p * Math.pow(4.0 / 3, 2);
            assertThat(TravellingAttachments.sealedBytes(p)).isGreaterThan((long) growth);
        }
    }
}
