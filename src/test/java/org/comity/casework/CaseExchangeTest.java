package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.domain.Direction;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.persistence.CaseworkJson;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.exchange.Delivery;
import org.comity.exchange.DeliveryStatus;
import org.comity.exchange.MessageAccepted;
import org.comity.exchange.MessageExchange;
import org.comity.exchange.TwoNodes;
import org.comity.testing.FictionalUncc;
import org.comity.testing.TestAccounts;
import org.comity.treaty.KindOfAssistance;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request travels from XA's node to XB's over the exchange (two nodes, own databases, real HTTP on
 * loopback, pinned to each other): XA's caseworker drafts and sends it, XB's node registers and
 * assesses it by itself and acknowledges it, and XA's request shows the acknowledgement and the
 * delivery receipt. Fictional States only.
 */
class CaseExchangeTest {

    static TwoNodes.Node xa;
    static TwoNodes.Node xb;

    @BeforeAll
    static void start() {
        var settings = Map.of("comity.treaty.fictional-states", "true", "comity.casework.watch-enabled", "false");
        xa = new TwoNodes.Node("XA", settings).start();
        xb = new TwoNodes.Node("XB", settings).start();
        for (var node : new TwoNodes.Node[] {xa, xb}) {
            TestAccounts.createOnePerRole(node.bean(Accounts.class));
            FictionalUncc.inForce(node.bean(Treaties.class));
        }
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

    static final JsonMapper JSON =
            JsonMapper.builder().addModule(CaseworkJson.module()).build();

    /** XA's caseworker drafts, proposes and XA's supervisor approves: the request is sent. */
    static UUID sendFromXa() {
        var casework = xa.bean(Casework.class);
        var content = JSON.readValue(CaseworkApiTest.CONTENT, RequestContent.class);
        var draft = casework.draft(KindOfAssistance.STORED_DATA, content, TestAccounts.username(Role.CASEWORKER));
        casework.proposeSending(draft.id(), null, TestAccounts.username(Role.CASEWORKER));
        casework.approveSending(draft.id(), null, TestAccounts.username(Role.SUPERVISOR));
        return draft.id();
    }

    static <T> T await(Supplier<T> value, java.util.function.Predicate<T> done) {
        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        T last = value.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within 60 s: " + last);
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

    static Optional<JdbcExchangeLinks.Link> incoming(UUID conversation) {
        return xb.bean(JdbcExchangeLinks.class).byConversation(conversation, "INCOMING");
    }

    @Test
    void aRequestSentByXaIsRegisteredByXbsNodeAndAcknowledged() {
        var id = sendFromXa();

        var sent = xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow();
        assertThat(sent.direction()).isEqualTo("OUTGOING");
        assertThat(sent.counterpart()).isEqualTo(xb.id().value());
        assertThat(sent.pairingToken()).matches("[A-Za-z0-9_-]{43}");

        // XB's node registers it without anyone typing it in, and assesses it with its own profile and pack.
        var received = await(() -> incoming(sent.conversationId()), Optional::isPresent)
                .orElseThrow();
        assertThat(received.requestMessageId()).isEqualTo(sent.requestMessageId());
        assertThat(received.pairingToken()).isEqualTo(sent.pairingToken());
        var atXb = xb.bean(Casework.class).get(received.requestId());
        assertThat(atXb.direction()).isEqualTo(Direction.INCOMING);
        assertThat(atXb.kind()).isEqualTo(KindOfAssistance.STORED_DATA);
        assertThat(atXb.content()).isEqualTo(xa.bean(Casework.class).get(id).content());
        assertThat(xb.bean(Casework.class).auditTrail(received.requestId()))
                .singleElement()
                .satisfies(line -> {
                    assertThat(line.actor()).isEqualTo("exchange");
                    assertThat(line.actions()).extracting(a -> a.code()).containsExactly("registered-incoming");
                    assertThat(line.assessmentFailed()).isFalse();
                });
        assertThat(xb.bean(JdbcClient.class)
                        .sql("SELECT count(*) FROM safeguards_assessment WHERE request_id = ?")
                        .param(received.requestId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // XA's request shows XB's reference, and the request message's receipt.
        var trail = await(
                () -> xa.bean(Casework.class).auditTrail(id),
                t -> t.stream()
                        .anyMatch(l -> l.actions() != null
                                && l.actions().stream().anyMatch(a -> a.code().equals("acknowledged-by-counterpart"))));
        var acknowledged = trail.getLast();
        assertThat(acknowledged.actor()).isEqualTo("exchange");
        assertThat(acknowledged.actions().getFirst().args())
                .containsExactly(received.requestId().toString());
        assertThat(acknowledged.fromState()).isEqualTo(acknowledged.toState());
        assertThat(xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow().counterpartReference())
                .isEqualTo(received.requestId().toString());
        var delivery = xa.bean(MessageExchange.class).deliveries(sent.conversationId()).stream()
                .filter(d -> d.messageId().equals(sent.requestMessageId()))
                .findFirst()
                .orElseThrow();
        assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(delivery.receipt()).isNotBlank();
        assertThat(delivery.evidence()).extracting(Delivery.Evidence::event).containsExactly("submitted", "delivered");
        // XB's acknowledgement reached XA with a receipt too.
        var ackAtXb = await(
                () -> xb.bean(MessageExchange.class).deliveries(sent.conversationId()),
                d -> d.size() == 1 && d.getFirst().status() == DeliveryStatus.DELIVERED);
        assertThat(xa.bean(MessageExchange.class).received(sent.conversationId()))
                .singleElement()
                .satisfies(m -> assertThat(m.envelope().messageId())
                        .isEqualTo(ackAtXb.getFirst().messageId()));
    }

    @Test
    void theSameRequestMessageAnnouncedAgainRegistersNothingMore() {
        var id = sendFromXa();
        var sent = xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow();
        var received = await(() -> incoming(sent.conversationId()), Optional::isPresent)
                .orElseThrow();
        var message =
                xb.bean(MessageExchange.class).received(sent.conversationId()).getFirst();
        long before = incomingRequests();

        // As after a crash before the event publication was marked complete: the listener runs again.
        new TransactionTemplate(xb.bean(PlatformTransactionManager.class))
                .executeWithoutResult(status -> xb.bean(CaseExchange.class)
                        .onAccepted(new MessageAccepted(message.envelope(), Instant.now(), message.digest())));

        assertThat(incomingRequests()).isEqualTo(before);
        assertThat(incoming(sent.conversationId()).orElseThrow().requestId()).isEqualTo(received.requestId());
        assertThat(xb.bean(MessageExchange.class).deliveries(sent.conversationId()))
                .as("one acknowledgement")
                .hasSize(1);
    }

    static long incomingRequests() {
        return xb.bean(JdbcClient.class)
                .sql("SELECT count(*) FROM casework_request WHERE direction = 'INCOMING'")
                .query(Long.class)
                .single();
    }
}
