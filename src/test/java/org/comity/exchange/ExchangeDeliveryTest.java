package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.comity.exchange.domain.Receipts;
import org.comity.exchange.domain.SignedDocuments;
import org.comity.shared.Conflict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two nodes, XA and XB, each with its own database and data directory, over real HTTP on loopback,
 * trusting each other through pinned cards: a message is delivered and receipted, delivered again it
 * gets the same receipt and is stored once, a receiver that is down gets it by retry when it comes back,
 * and a delivery that cannot succeed is recorded as failed.
 */
class ExchangeDeliveryTest {

    static TwoNodes.Node xa;
    static TwoNodes.Node xb;

    @BeforeAll
    static void start() {
        xa = new TwoNodes.Node("XA", Map.of()).start();
        xb = new TwoNodes.Node("XB", Map.of()).start();
        xa.pin(xb);
        xb.pin(xa);
    }

    @AfterAll
    static void stop() {
        if (xa != null) {
            xa.close();
        }
        if (xb != null) {
            xb.close();
        }
    }

    /** Sends inside a transaction, as casework will: the outbox row commits with the caller's change. */
    static SentMessage send(UUID conversation, MessageType type, String payload) {
        var transactions = new TransactionTemplate(xa.bean(PlatformTransactionManager.class));
        return transactions.execute(status -> xa.bean(MessageExchange.class)
                .send(new OutgoingMessage(conversation, type, xb.id(), null, false, payload), "caseworker"));
    }

    static Delivery delivery(UUID conversation, UUID messageId) {
        return xa.bean(MessageExchange.class).deliveries(conversation).stream()
                .filter(d -> d.messageId().equals(messageId))
                .findFirst()
                .orElseThrow();
    }

    /** The sender's audit of this message: channel, action, outcome. */
    static java.util.List<String> audited(TwoNodes.Node node, UUID messageId) {
        return node.bean(JdbcClient.class)
                .sql(
                        "SELECT channel || ' ' || action || ' ' || outcome FROM exchange_audit WHERE subject = ? ORDER BY id")
                .param(messageId.toString())
                .query(String.class)
                .list();
    }

    static <T> T await(Supplier<T> value, java.util.function.Predicate<T> done, Duration within) {
        var deadline = Instant.now().plus(within);
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within " + within + ": " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            last = value.get();
        }
        return last;
    }

    static Delivery awaitStatus(UUID conversation, UUID messageId, DeliveryStatus status) {
        return await(() -> delivery(conversation, messageId), d -> d.status() == status, Duration.ofSeconds(60));
    }

    @Test
    void aMessageFromXaIsDeliveredToXbAndReceiptedAndXbPublishesItOnce() {
        var conversation = UUID.randomUUID();

        var sent = send(conversation, MessageType.REQUEST, "{\"subject\":\"preservation of stored data\"}");
        var delivered = awaitStatus(conversation, sent.messageId(), DeliveryStatus.DELIVERED);

        var received = xb.bean(MessageExchange.class).received(conversation);
        assertThat(received).hasSize(1);
        assertThat(received.getFirst().envelope()).isEqualTo(sent.envelope());
        assertThat(received.getFirst().envelope().sender()).isEqualTo(xa.id());
        assertThat(received.getFirst().envelope().sequence()).isEqualTo(1);
        assertThat(delivered.receipt()).isEqualTo(received.getFirst().receipt());
        assertThat(delivered.digest()).isEqualTo(received.getFirst().digest());
        assertThat(delivered.evidence()).extracting(Delivery.Evidence::event).containsExactly("submitted", "delivered");
        // The receipt is XB's signature over the message id and the digest of the bytes XB received.
        var receipt = SignedDocuments.payload(SignedDocuments.parse(delivered.receipt(), Receipts.TYPE));
        assertThat(receipt)
                .containsEntry("message", sent.messageId().toString())
                .containsEntry("digest", delivered.digest())
                .containsEntry("receiver", xb.id().value())
                .containsEntry("pairing", sent.pairingToken());
        assertThat(xb.accepted)
                .filteredOn(m -> m.envelope().conversationId().equals(conversation))
                .singleElement()
                .satisfies(m -> assertThat(m.envelope()).isEqualTo(sent.envelope()));

        var second = send(conversation, MessageType.CORRESPONDENCE, "{}");
        awaitStatus(conversation, second.messageId(), DeliveryStatus.DELIVERED);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(xb.bean(MessageExchange.class).received(conversation))
                .extracting(r -> r.envelope().sequence())
                .containsExactly(1L, 2L);
    }

    @Test
    void theSameMessageDeliveredAgainGetsTheSameReceiptAndIsStoredOnce() throws Exception {
        var conversation = UUID.randomUUID();
        var sent = send(conversation, MessageType.REQUEST, "{\"n\":1}");
        var delivered = awaitStatus(conversation, sent.messageId(), DeliveryStatus.DELIVERED);
        var body = xa.bean(JdbcClient.class)
                .sql("SELECT body FROM exchange_outbox WHERE message_id = ?")
                .param(sent.messageId())
                .query(String.class)
                .single();

        try (var http = HttpClient.newHttpClient()) {
            for (int i = 0; i < 3; i++) {
                var response = http.send(
                        HttpRequest.newBuilder(URI.create(xb.inbox()))
                                .header("Content-Type", "application/jose")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo(delivered.receipt());
            }
        }

        assertThat(xb.bean(MessageExchange.class).received(conversation)).hasSize(1);
        assertThat(xb.accepted)
                .filteredOn(m -> m.envelope().conversationId().equals(conversation))
                .hasSize(1);
        assertThat(xb.bean(JdbcClient.class)
                        .sql("SELECT count(*) FROM exchange_audit WHERE outcome = 'duplicate' AND subject = ?")
                        .param(sent.messageId().toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aMessageSentWhileTheReceiverIsDownIsDeliveredWhenItComesBack() {
        var conversation = UUID.randomUUID();
        xb.stop();
        try {
            var sent = send(conversation, MessageType.REQUEST, "{\"while\":\"down\"}");
            var retrying = await(
                    () -> delivery(conversation, sent.messageId()), d -> d.attempts() >= 2, Duration.ofSeconds(30));
            assertThat(retrying.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(retrying.lastError()).isEqualTo("unreachable");
            assertThat(retrying.evidence()).extracting(Delivery.Evidence::event).contains("attempt-failed");

            xb.start();

            var delivered = awaitStatus(conversation, sent.messageId(), DeliveryStatus.DELIVERED);
            assertThat(delivered.attempts()).isGreaterThanOrEqualTo(3);
            assertThat(xb.bean(MessageExchange.class).received(conversation)).hasSize(1);
        } finally {
            if (xb.context == null) {
                xb.start();
            }
        }
    }

    @Test
    void aDispatcherStoppedInTheMiddleOfAnAttemptGivesItsClaimBackSoTheMessageIsDueAtOnce() throws Exception {
        // XC waits a minute for an answer; XB's address is a socket that takes the request and never answers.
        var xc = new TwoNodes.Node("XC", Map.of("comity.exchange.messages.delivery.request-timeout", "60s"));
        try {
            xc.start();
            xc.pin(xb);
            xb.stop();
            try (var blackHole = new java.net.ServerSocket()) {
                blackHole.setReuseAddress(true);
                blackHole.bind(new java.net.InetSocketAddress("127.0.0.1", xb.port));
                var held = new java.util.concurrent.CopyOnWriteArrayList<java.net.Socket>();
                var acceptor = Thread.ofVirtual().start(() -> {
                    try {
                        while (true) {
                            held.add(blackHole.accept());
                        }
                    } catch (java.io.IOException closed) {
                        // the test is over
                    }
                });
                var conversation = UUID.randomUUID();
                var transactions = new TransactionTemplate(xc.bean(PlatformTransactionManager.class));
                var sent = transactions.execute(status -> xc.bean(MessageExchange.class)
                        .send(
                                new OutgoingMessage(conversation, MessageType.REQUEST, xb.id(), null, false, "{}"),
                                "caseworker"));
                var jdbc = xc.bean(JdbcClient.class);
                Supplier<Boolean> claimed =
                        () -> jdbc.sql("SELECT claimed_until IS NOT NULL FROM exchange_outbox WHERE message_id = ?")
                                .param(sent.messageId())
                                .query(Boolean.class)
                                .single();
                var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!claimed.get() || held.isEmpty()) {
                    assertThat(System.nanoTime()).as("claimed and posted").isLessThan(deadline);
                    Thread.sleep(20);
                }

                xc.bean(Dispatcher.class).stop();

                var row = jdbc.sql("""
                                SELECT status, attempts, claimed_until IS NULL FROM exchange_outbox
                                WHERE message_id = ?""")
                        .param(sent.messageId())
                        .query((rs, n) -> java.util.List.of(rs.getString(1), rs.getInt(2), rs.getBoolean(3)))
                        .single();
                // Still pending with no attempt recorded (it was interrupted), and no longer claimed.
                assertThat(row).containsExactly("pending", 0, true);
                blackHole.close();
                acceptor.join();
                for (var socket : held) {
                    socket.close();
                }
            }
        } finally {
            xc.close();
            if (xb.context == null) {
                xb.start();
            }
        }
    }

    @Test
    void aDeliveryThatCannotSucceedBeforeTheMessageExpiresIsRecordedAsFailed() {
        var conversation = UUID.randomUUID();
        xb.stop();
        try {
            var transactions = new TransactionTemplate(xa.bean(PlatformTransactionManager.class));
            var sent = transactions.execute(status -> xa.bean(MessageExchange.class)
                    .send(
                            new OutgoingMessage(
                                    conversation,
                                    MessageType.CORRESPONDENCE,
                                    xb.id(),
                                    Instant.now().plusSeconds(2),
                                    false,
                                    "{}"),
                            "caseworker"));

            var failed = awaitStatus(conversation, sent.messageId(), DeliveryStatus.FAILED);

            assertThat(failed.lastError()).isEqualTo("unreachable");
            assertThat(failed.evidence().getLast().event()).isEqualTo("failed");
            assertThat(failed.evidence().getLast().detail()).isEqualTo("gave-up");
            assertThat(audited(xa, sent.messageId())).containsExactly("outbox message-delivery gave-up");
            // Given up when the next attempt would fall after the expiry; once expired, no retry.
            await(Instant::now, now -> now.isAfter(failed.expires()), Duration.ofSeconds(10));
            assertThatThrownBy(() -> xa.bean(MessageExchange.class).retry(sent.messageId(), "admin"))
                    .isInstanceOf(Conflict.class)
                    .hasMessageContaining("expired");
        } finally {
            xb.start();
        }
    }

    @Test
    void aMessageTheReceiverRefusesFailsAtOnceWithTheStepAndAManualRetryDeliversItOnceTrusted() {
        var conversation = UUID.randomUUID();
        var xbTrust = xb.bean(TrustDirectory.class);
        var pin = xbTrust.pins().stream()
                .filter(p -> p.authority().id().equals(xa.id().value()))
                .findFirst()
                .orElseThrow();
        xbTrust.unpin(pin.id(), "admin");
        try {
            var sent = send(conversation, MessageType.REQUEST, "{}");

            var failed = awaitStatus(conversation, sent.messageId(), DeliveryStatus.FAILED);
            assertThat(failed.lastError()).isEqualTo("unknown-authority");
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(xb.bean(MessageExchange.class).received(conversation)).isEmpty();
            // Refused, answered with its step, and audited on both sides.
            assertThat(audited(xa, sent.messageId())).containsExactly("outbox message-delivery unknown-authority");
            assertThat(xb.bean(JdbcClient.class)
                            .sql("SELECT count(*) FROM exchange_audit WHERE channel = 'inbox'"
                                    + " AND outcome = 'unknown-authority' AND subject = ?")
                            .param(delivery(conversation, sent.messageId()).digest())
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            xb.pin(xa);
            xa.bean(MessageExchange.class).retry(sent.messageId(), "admin");

            var delivered = awaitStatus(conversation, sent.messageId(), DeliveryStatus.DELIVERED);
            assertThat(delivered.evidence())
                    .extracting(Delivery.Evidence::event)
                    .containsExactly("submitted", "failed", "retry-requested", "delivered");
            assertThat(xb.bean(MessageExchange.class).received(conversation)).hasSize(1);
        } finally {
            if (xbTrust.pins().stream()
                    .noneMatch(p -> p.authority().id().equals(xa.id().value()))) {
                xb.pin(xa);
            }
        }
    }

    @Test
    void theDeliveryEvidenceApiRefusesAnonymousCallersAndTheInboxTakesOnlyPost() throws Exception {
        var conversation = UUID.randomUUID();
        var sent = send(conversation, MessageType.REQUEST, "{}");
        awaitStatus(conversation, sent.messageId(), DeliveryStatus.DELIVERED);
        try (var http = HttpClient.newHttpClient()) {
            var url = URI.create(
                    "http://127.0.0.1:" + xa.port + "/api/exchange/conversations/" + conversation + "/deliveries");
            var anonymous = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            var inboxGet = http.send(
                    HttpRequest.newBuilder(URI.create(xb.inbox())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(inboxGet.statusCode()).isEqualTo(401);
        }
    }
}
