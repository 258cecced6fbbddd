package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the dispatcher learns of a peer's inbox from a batch it refused as a whole, and for how long. */
class BatchBoundsTest {

    static final URI XB = URI.create("https://xb.example/api/exchange/inbox");
    static final URI XC = URI.create("https://xc.example/api/exchange/inbox");
    static final Instant NOW = Instant.parse("2026-12-04T05:00:00Z");

    final BatchBounds bounds = new BatchBounds(16, 1 << 20);

    @Test
    void aPeerThatHasRefusedNothingIsAssumedToBoundItsInboxAsThisNodeDoes() {
        assertThat(bounds.messages(XB, NOW)).isEqualTo(16);
        assertThat(bounds.bytes(XB, NOW)).isEqualTo(1 << 20);
    }

    @Test
    void aPeerWithoutBatchesGetsSingleMessagesUntilTheRefusalIsForgotten() {
        assertThat(bounds.refused(XB, 415, null, 16, 30_000, NOW)).isEqualTo(BatchBounds.Learnt.NO_BATCHES);

        assertThat(bounds.messages(XB, NOW)).isEqualTo(1);
        assertThat(bounds.messages(XB, NOW.plus(BatchBounds.REMEMBERED).minusSeconds(1)))
                .isEqualTo(1);
        assertThat(bounds.messages(XC, NOW)).as("another peer").isEqualTo(16);
        // Then a full batch is tried again: the peer may have been upgraded.
        assertThat(bounds.messages(XB, NOW.plus(BatchBounds.REMEMBERED))).isEqualTo(16);
    }

    @Test
    void aBatchTooLargeTeachesTheBoundThePeerNamedOrElseHalfOfWhatItRefused() {
        assertThat(bounds.refused(XB, 413, Map.of("rule", "batch-too-large", "maxBytes", 8192L), 16, 30_000, NOW))
                .isEqualTo(BatchBounds.Learnt.SMALLER);
        assertThat(bounds.bytes(XB, NOW)).isEqualTo(8192);
        assertThat(bounds.messages(XB, NOW))
                .as("the count is not what it refused")
                .isEqualTo(16);

        // Another implementation's bare 413 (a proxy's body limit): half of what it refused.
        assertThat(bounds.refused(XC, 413, null, 10, 30_000, NOW)).isEqualTo(BatchBounds.Learnt.SMALLER);
        assertThat(bounds.bytes(XC, NOW)).isEqualTo(15_000);
        // A bound named at or above what was refused cannot be right: halved all the same.
        bounds.refused(XC, 413, Map.of("maxBytes", 20_000L), 5, 14_000, NOW);
        assertThat(bounds.bytes(XC, NOW)).isEqualTo(7_000);
    }

    @Test
    void tooManyMessagesTeachesTheCountThePeerNamedOrElseHalfAndKeepsWhatWasLearntOfTheBytes() {
        bounds.refused(XB, 413, Map.of("maxBytes", 8192L), 16, 30_000, NOW);
        var tooMany = Map.<String, Object>of(
                "errors", List.of(Map.of("field", "messages", "rule", "batch-too-many")), "maxMessages", 4L);

        assertThat(bounds.refused(XB, 422, tooMany, 5, 8000, NOW)).isEqualTo(BatchBounds.Learnt.SMALLER);
        assertThat(bounds.messages(XB, NOW)).isEqualTo(4);
        assertThat(bounds.bytes(XB, NOW)).isEqualTo(8192);

        var unnamed = Map.<String, Object>of("errors", List.of(Map.of("field", "messages", "rule", "malformed-batch")));
        assertThat(bounds.refused(XC, 422, unnamed, 16, 8000, NOW)).isEqualTo(BatchBounds.Learnt.SMALLER);
        assertThat(bounds.messages(XC, NOW)).isEqualTo(8);
        // Halved down to one, the peer takes no batches.
        assertThat(bounds.refused(XC, 422, unnamed, 2, 3000, NOW)).isEqualTo(BatchBounds.Learnt.NO_BATCHES);
        assertThat(bounds.messages(XC, NOW)).isEqualTo(1);
    }

    @Test
    void aPeerWithoutABatchRouteAnswering404Or405IsSentSingleMessages() {
        assertThat(bounds.refused(XB, 404, null, 16, 30_000, NOW)).isEqualTo(BatchBounds.Learnt.NO_BATCHES);
        assertThat(bounds.messages(XB, NOW)).isEqualTo(1);
        assertThat(bounds.refused(XC, 405, null, 16, 30_000, NOW)).isEqualTo(BatchBounds.Learnt.NO_BATCHES);
        assertThat(bounds.messages(XC, NOW)).isEqualTo(1);
    }

    @Test
    void anAnswerThatIsNoRefusalOfTheBatchesFormOrSizeTeachesNothing() {
        var otherField = Map.<String, Object>of("errors", List.of(Map.of("field", "body", "rule", "too-large")));
        for (var status : List.of(400, 409, 429, 500, 502, 503)) {
            assertThat(bounds.refused(XB, status, null, 16, 30_000, NOW)).isEqualTo(BatchBounds.Learnt.NOTHING);
        }
        assertThat(bounds.refused(XB, 422, otherField, 16, 30_000, NOW)).isEqualTo(BatchBounds.Learnt.NOTHING);
        assertThat(bounds.refused(XB, 422, null, 16, 30_000, NOW)).isEqualTo(BatchBounds.Learnt.NOTHING);
        assertThat(bounds.messages(XB, NOW)).isEqualTo(16);
        assertThat(bounds.bytes(XB, NOW)).isEqualTo(1 << 20);
    }
}
