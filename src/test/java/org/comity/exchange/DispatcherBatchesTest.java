package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.comity.exchange.persistence.JdbcMessageStore;
import org.junit.jupiter.api.Test;

/** How the dispatcher groups claimed messages into batches: per inbox, bounded in count and bytes. */
class DispatcherBatchesTest {

    static final URI XB = URI.create("https://xb.example/api/exchange/inbox");
    static final URI XC = URI.create("https://xc.example/api/exchange/inbox");

    static Dispatcher dispatcher(int batch, int maxBytes) {
        var s = BackoffTest.SETTINGS;
        var settings = new ExchangeProperties.Delivery(
                s.initialBackoff(),
                s.maxBackoff(),
                s.giveUpAfter(),
                s.pollInterval(),
                s.concurrency(),
                s.connectTimeout(),
                s.requestTimeout(),
                batch,
                s.requestsPerInbox(),
                null);
        return new Dispatcher(null, null, Clock.systemUTC(), settings, maxBytes, null);
    }

    static JdbcMessageStore.Due due(long id, URI inbox, int bytes) {
        return new JdbcMessageStore.Due(
                id,
                UUID.randomUUID(),
                UUID.randomUUID(),
                new AuthorityId("xb-central-authority"),
                inbox,
                "a".repeat(bytes),
                "0".repeat(64),
                Instant.now().plus(Duration.ofDays(7)),
                Instant.now().plus(Duration.ofDays(1)),
                0);
    }

    static List<List<Long>> ids(List<List<JdbcMessageStore.Due>> batches) {
        return batches.stream()
                .map(b -> b.stream().map(JdbcMessageStore.Due::id).toList())
                .toList();
    }

    @Test
    void messagesToOneInboxTravelTogetherInTheirOrderAtMostBatchAtATime() {
        var claimed = new ArrayList<JdbcMessageStore.Due>();
        for (long id = 1; id <= 7; id++) {
            claimed.add(due(id, id % 2 == 0 ? XC : XB, 100));
        }

        assertThat(ids(dispatcher(3, 1 << 20).batches(claimed)))
                .containsExactlyInAnyOrder(List.of(1L, 3L, 5L), List.of(7L), List.of(2L, 4L, 6L));
        assertThat(ids(dispatcher(1, 1 << 20).batches(claimed)))
                .hasSize(7)
                .allSatisfy(b -> assertThat(b).hasSize(1));
    }

    @Test
    void aBatchStaysWithinTheInboxBoundAndALargeMessageGoesAlone() {
        var claimed = List.of(due(1, XB, 3000), due(2, XB, 3000), due(3, XB, 9000), due(4, XB, 1000));

        // 3000 + 3000 (and the JSON around them) fit in 8 KiB, a third message would not.
        assertThat(ids(dispatcher(16, 8192).batches(claimed)))
                .containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L));
    }

    @Test
    void onlyACompactSerialisationTravelsInsideABatchsJsonString() {
        assertThat(Dispatcher.compact("eyJhbGciOiJFQ0RILUVTIn0..iv_-.ct.tag")).isTrue();
        // What would need escaping (a quote, a backslash, a control character), or JSON's own syntax.
        for (var body : List.of("", "a\"b", "a\\b", "a\nb", "{\"k\":1}", "a b", "a+b/c=", "é")) {
            assertThat(Dispatcher.compact(body)).as(body).isFalse();
        }
    }
}
