package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batches to peers that take less than XA sends (docs/exchange.md, "Batches"), over real HTTP: XA posts
 * to the inbox XB's card names, an {@link InboxProxy} in front of XB, whose own inbox reads at most 16 KiB
 * (XA's 1 MiB). A batch answer that loses some results, a batch over XB's bound, a peer taking fewer
 * messages per batch, a peer without batches: every message ends receipted once, or — too large for XB
 * alone — failed with its reason, and XA remembers what each refusal taught. The tests share XA's memory of
 * XB's inbox and run in order; the last leaves XB taking no batches.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExchangeBatchPeersTest {

    static final int XB_MAX_BYTES = 16384;
    static InboxProxy proxy;
    static TwoNodes.Node xa;
    static TwoNodes.Node xb;

    @BeforeAll
    static void start() {
        proxy = new InboxProxy();
        xb = new TwoNodes.Node(
                "XB",
                Map.of(
                        "comity.exchange.authority.inbox", proxy.inbox(),
                        "comity.exchange.messages.max-bytes", Integer.toString(XB_MAX_BYTES)));
        proxy.forwardingTo(xb.inbox());
        xb.start();
        xa = new TwoNodes.Node("XA", Map.of()).start();
        xa.pin(xb);
        xb.pin(xa);
    }

    @AfterAll
    static void stop() {
        for (var node : new AutoCloseable[] {xa, xb, proxy}) {
            try {
                if (node != null) {
                    node.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * {@code count} messages, each in a conversation of its own, sent in one transaction: they are due
     * together, so the dispatcher's next claim takes them together and batches form.
     */
    static List<SentMessage> sendTogether(int count, String payload) {
        var transactions = new TransactionTemplate(xa.bean(PlatformTransactionManager.class));
        return transactions.execute(status -> {
            var sent = new ArrayList<SentMessage>();
            for (int i = 0; i < count; i++) {
                sent.add(xa.bean(MessageExchange.class)
                        .send(
                                new OutgoingMessage(
                                        UUID.randomUUID(), MessageType.CORRESPONDENCE, xb.id(), null, false, payload),
                                "caseworker"));
            }
            return sent;
        });
    }

    static Delivery delivery(SentMessage sent) {
        return xa.bean(MessageExchange.class).deliveries(sent.envelope().conversationId()).stream()
                .filter(d -> d.messageId().equals(sent.messageId()))
                .findFirst()
                .orElseThrow();
    }

    static List<Delivery> awaitSettled(List<SentMessage> sent) {
        return ExchangeDeliveryTest.await(
                () -> sent.stream().map(ExchangeBatchPeersTest::delivery).toList(),
                all -> all.stream().allMatch(d -> d.status() != DeliveryStatus.PENDING),
                Duration.ofSeconds(60));
    }

    /** XB's stored receipt per message id, and how many times each was stored (the primary key: once). */
    static Map<UUID, String> storedAtXb(List<SentMessage> sent) {
        var stored = new HashMap<UUID, String>();
        xb.bean(JdbcClient.class)
                .sql("SELECT message_id, receipt FROM exchange_inbox WHERE message_id = ANY (?)")
                .param(sent.stream().map(SentMessage::messageId).toArray(UUID[]::new))
                .query((rs, n) -> stored.put(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
        return stored;
    }

    static long acceptedAtXb(List<SentMessage> sent, String outcome) {
        return xb.bean(JdbcClient.class)
                .sql("SELECT count(*) FROM exchange_audit WHERE action = 'message-receive' AND outcome = ?"
                        + " AND subject = ANY (?)")
                .param(outcome)
                .param(sent.stream().map(s -> s.messageId().toString()).toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    /** Each delivered with the receipt XB stored, stored once, accepted once. */
    static void receiptedOnce(List<SentMessage> sent, List<Delivery> deliveries) {
        assertThat(deliveries).extracting(Delivery::status).containsOnly(DeliveryStatus.DELIVERED);
        var stored = storedAtXb(sent);
        assertThat(stored).hasSize(sent.size());
        for (var d : deliveries) {
            assertThat(d.receipt()).as("XA's receipt is XB's").isEqualTo(stored.get(d.messageId()));
        }
        assertThat(acceptedAtXb(sent, "accepted")).isEqualTo(sent.size());
    }

    static long sizeOf(InboxProxy.Batch batch) {
        // The body XA posts: {"messages":["…","…"]}
        return 15 + batch.messages().stream().mapToLong(m -> m.length() + 3).sum() - 1;
    }

    @Test
    @Order(1)
    void messagesWhoseResultsABatchAnswerLostAreDeliveredByRetryAndReceiptedOnce() {
        int batchesBefore = proxy.batches.size();
        proxy.losingResults.set(1);

        var sent = sendTogether(8, "{}");
        var deliveries = awaitSettled(sent);

        var first = proxy.batches.get(batchesBefore);
        assertThat(first.messages()).as("the eight went in one batch").hasSize(8);
        assertThat(first.status()).isEqualTo(200);
        receiptedOnce(sent, deliveries);
        // XB stored all eight from the batch; XA saw four receipts and four 503s, posted those four again and
        // got the same receipts (XB's duplicate path), nothing stored twice.
        var retried = deliveries.stream()
                .filter(d -> d.evidence().stream().anyMatch(e -> e.event().equals("attempt-failed")))
                .toList();
        assertThat(retried).hasSize(4);
        assertThat(retried)
                .allSatisfy(d -> assertThat(d.evidence())
                        .extracting(Delivery.Evidence::event, Delivery.Evidence::detail)
                        .contains(
                                org.assertj.core.groups.Tuple.tuple("attempt-failed", "http-503"),
                                org.assertj.core.groups.Tuple.tuple("delivered", null)));
        assertThat(acceptedAtXb(sent, "duplicate")).isEqualTo(4);
    }

    @Test
    @Order(2)
    void aBatchOverThePeersBoundIsSplitWithinTheBoundItNamedAndAMessageTooLargeForItAloneFailsWithItsReason() {
        int batchesBefore = proxy.batches.size();
        var small = sendTogether(24, "{}");
        var large = sendTogether(1, "{\"text\":\"" + "a".repeat(XB_MAX_BYTES) + "\"}")
                .getFirst();
        var all = new ArrayList<>(small);
        all.add(large);

        var deliveries = awaitSettled(all);

        receiptedOnce(small, deliveries.subList(0, small.size()));
        var batches = proxy.batches.subList(batchesBefore, proxy.batches.size());
        var refused = batches.stream().filter(b -> b.status() == 413).toList();
        assertThat(refused)
                .as("XB refused one batch as over its bound, and then no more")
                .hasSize(1);
        assertThat(sizeOf(refused.getFirst())).isGreaterThan(XB_MAX_BYTES);
        var afterwards = batches.subList(batches.indexOf(refused.getFirst()) + 1, batches.size());
        assertThat(afterwards).as("batches went on, within XB's bound").isNotEmpty();
        assertThat(afterwards).allSatisfy(b -> {
            assertThat(b.status()).isEqualTo(200);
            assertThat(sizeOf(b)).isLessThanOrEqualTo(XB_MAX_BYTES);
        });
        assertThat(afterwards.stream().mapToInt(b -> b.messages().size()).max().orElseThrow())
                .isGreaterThan(1);

        // Alone over XB's bound: failed at once with XB's reason, on the request page's delivery, and not retried.
        var failed = deliveries.getLast();
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.lastError()).isEqualTo("too-large");
        assertThat(failed.nextAttemptAt()).isNull();
        assertThat(failed.evidence())
                .extracting(Delivery.Evidence::event, Delivery.Evidence::detail)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("submitted", null),
                        org.assertj.core.groups.Tuple.tuple("failed", "too-large"));
        assertThat(ExchangeDeliveryTest.audited(xa, large.messageId()))
                .containsExactly("outbox message-delivery too-large");
        assertThat(storedAtXb(List.of(large))).isEmpty();
        int singlesNow = proxy.singles.get();
        sleep(Duration.ofSeconds(1)); // five of XA's backoffs (100–400 ms here): nothing is tried again
        assertThat(delivery(large)).isEqualTo(failed);
        assertThat(proxy.singles.get()).isEqualTo(singlesNow);
    }

    @Test
    @Order(3)
    void aPeerTakingFewerMessagesPerBatchIsSentBatchesOfAsManyAsItNamed() {
        int batchesBefore = proxy.batches.size();
        proxy.maxMessages = 4;
        try {
            var sent = sendTogether(20, "{}");
            var deliveries = awaitSettled(sent);

            receiptedOnce(sent, deliveries);
            var batches = proxy.batches.subList(batchesBefore, proxy.batches.size());
            var refused = batches.stream().filter(b -> b.status() == 422).toList();
            // The first claim's batches may go out together before the first refusal is answered.
            assertThat(refused).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            var forwarded = batches.stream().filter(b -> b.status() == 200).toList();
            assertThat(forwarded).allSatisfy(b -> assertThat(b.messages()).hasSizeLessThanOrEqualTo(4));
            assertThat(forwarded)
                    .as("still batches, of up to four")
                    .anySatisfy(b -> assertThat(b.messages()).hasSizeGreaterThan(1));

            // Learnt: the next twelve go in batches of at most four, none refused.
            int batchesThen = proxy.batches.size();
            var next = sendTogether(12, "{}");
            receiptedOnce(next, awaitSettled(next));
            var later = proxy.batches.subList(batchesThen, proxy.batches.size());
            assertThat(later)
                    .as("no batch refused")
                    .allSatisfy(b -> assertThat(b.status()).isEqualTo(200));
            assertThat(later)
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(b -> assertThat(b.messages()).hasSizeLessThanOrEqualTo(4));
        } finally {
            proxy.maxMessages = 0;
        }
    }

    @Test
    @Order(4)
    void aBatchAnsweredWith503AsAWholeIsRetriedAfterItsBackoffNotPostedAloneAtOnce() {
        int batchesBefore = proxy.batches.size();
        // XA learnt in test 3 that XB takes four per batch: the eight go as two batches, both refused.
        proxy.failingBatches.set(2);

        var sent = sendTogether(8, "{}");
        var deliveries = awaitSettled(sent);

        var tried = proxy.batches.subList(batchesBefore, proxy.batches.size());
        assertThat(tried.subList(0, 2)).allSatisfy(b -> assertThat(b.status()).isEqualTo(503));
        assertThat(tried.subList(0, 2).stream()
                        .mapToInt(b -> b.messages().size())
                        .sum())
                .isEqualTo(8);
        receiptedOnce(sent, deliveries);
        assertThat(deliveries)
                .allSatisfy(d -> assertThat(d.evidence())
                        .extracting(Delivery.Evidence::event, Delivery.Evidence::detail)
                        .containsSubsequence(
                                org.assertj.core.groups.Tuple.tuple("attempt-failed", "http-503"),
                                org.assertj.core.groups.Tuple.tuple("delivered", null)));
        // Each failed attempt recorded: a failing peer is not sent the batch's eight again at once as eight
        // requests (they wait their jittered backoffs), and nothing reached XB twice.
        assertThat(acceptedAtXb(sent, "duplicate")).isZero();
    }

    @Test
    @Order(5)
    void anAnswerOverTheBoundIsNotReadAndTheAttemptFailsUntilTheReceiptComes() {
        proxy.oversizedAnswerBytes = Dispatcher.ANSWER_BYTES_PER_MESSAGE + 1;
        proxy.oversizedAnswers.set(1);

        var sent = sendTogether(1, "{}");
        var deliveries = awaitSettled(sent);

        receiptedOnce(sent, deliveries);
        assertThat(deliveries.getFirst().evidence())
                .extracting(Delivery.Evidence::event, Delivery.Evidence::detail)
                .containsSubsequence(
                        org.assertj.core.groups.Tuple.tuple("attempt-failed", "answer-too-large"),
                        org.assertj.core.groups.Tuple.tuple("delivered", null));
        // XB stored it from the first post; the retry got the same receipt.
        assertThat(acceptedAtXb(sent, "duplicate")).isEqualTo(1);
    }

    @Test
    @Order(6)
    void aPeerWithoutBatchesIsSentSingleMessagesAndXaRemembersIt() {
        proxy.noBatches = true;
        int batchesBefore = proxy.batches.size();
        int singlesBefore = proxy.singles.get();

        var first = sendTogether(20, "{}");
        receiptedOnce(first, awaitSettled(first));

        var refused = proxy.batches.subList(batchesBefore, proxy.batches.size());
        assertThat(refused)
                .as("batches tried")
                .isNotEmpty()
                .allSatisfy(b -> assertThat(b.status()).isEqualTo(415));
        // One claim may start a few batches at once (at most four of four here); none after the first 415.
        assertThat(refused).hasSizeLessThanOrEqualTo(4);
        assertThat(proxy.singles.get() - singlesBefore).isEqualTo(20);

        int batchesThen = proxy.batches.size();
        var second = sendTogether(20, "{}");
        receiptedOnce(second, awaitSettled(second));
        assertThat(proxy.batches.size()).as("no batch tried again").isEqualTo(batchesThen);
        assertThat(proxy.singles.get() - singlesBefore).isEqualTo(40);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
