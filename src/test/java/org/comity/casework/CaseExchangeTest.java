package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.comity.accounts.Role;
import org.comity.casework.domain.Command;
import org.comity.casework.domain.Decision;
import org.comity.casework.domain.Direction;
import org.comity.casework.domain.RefusalGround;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestState;
import org.comity.casework.persistence.CaseworkJson;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.exchange.Delivery;
import org.comity.exchange.DeliveryStatus;
import org.comity.exchange.Envelope;
import org.comity.exchange.MessageAccepted;
import org.comity.exchange.MessageExchange;
import org.comity.exchange.MessageType;
import org.comity.exchange.TrustDirectory;
import org.comity.exchange.TwoNodes;
import org.comity.shared.Conflict;
import org.comity.testing.TestAccounts;
import org.comity.treaty.KindOfAssistance;
import org.jspecify.annotations.Nullable;
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

    /** XA's supervisor's own co-signing key: on their device, never on XA's node; its public part on XA's card. */
    static final com.nimbusds.jose.jwk.ECKey XA_SUPERVISOR_KEY = org.comity.exchange.domain.KeyRing.generate(
            org.comity.exchange.KeyPurpose.SIGNING, Instant.now().minusSeconds(60), Duration.ofDays(30));

    @BeforeAll
    static void start() {
        // The supervisor registers their key before XB pins XA's card, so the pin carries it.
        var nodes = TwoNodes.casework(Map.of(), node -> {
            if (node.id().value().startsWith("xa-")) {
                node.bean(org.comity.exchange.CoSignatures.class)
                        .register(
                                TestAccounts.username(Role.SUPERVISOR),
                                XA_SUPERVISOR_KEY.toPublicJWK().toJSONString());
            }
        });
        xa = nodes.xa();
        xb = nodes.xb();
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
        return RequestsOverExchange.send(xa);
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
        assertThat(acknowledged.fromState()).isEqualTo("submitted");
        assertThat(acknowledged.toState()).isEqualTo("acknowledged");
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

    static List<JdbcExchangeLinks.Refusal> refusals(TwoNodes.Node node, UUID conversation) {
        return node.bean(JdbcExchangeLinks.class).refusals(conversation);
    }

    /** A message from XA as XB's inbox would have accepted it (the exchange's own steps are tested apart). */
    static MessageAccepted fromXa(UUID conversation, MessageType type, String payload) {
        var now = Instant.now();
        return new MessageAccepted(
                new Envelope(
                        UUID.randomUUID(),
                        conversation,
                        type,
                        xa.id(),
                        xb.id(),
                        now,
                        now.plus(Duration.ofDays(1)),
                        1,
                        "p".repeat(43),
                        false,
                        payload),
                now,
                "digest");
    }

    @Test
    void aRequestXbCannotRegisterIsAuditedWithItsRuleAndXaIsToldWhy() {
        var id = sendFromXa();
        var conversation =
                xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow().conversationId();
        await(() -> incoming(conversation), Optional::isPresent);

        // A request document of another version in the same conversation: XB registers nothing (the
        // listener runs after the inbox's commit, on its own thread).
        long before = incomingRequests();
        var accepted = fromXa(conversation, MessageType.REQUEST, "{\"v\": 2}");
        xb.bean(CaseExchange.class).onAccepted(accepted);
        var refusal = await(
                        () -> refusals(xb, conversation).stream()
                                .filter(r ->
                                        r.messageId().equals(accepted.envelope().messageId()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        assertThat(incomingRequests()).isEqualTo(before);
        assertThat(refusal.rule()).isEqualTo("malformed-document");
        assertThat(refusal.type()).isEqualTo("request");
        assertThat(refusal.answerId()).isNotNull();

        // XA's request records the refusal, with XB's rule, among the messages it received.
        var recorded = await(
                () -> xa.bean(JdbcExchangeLinks.class).messages(id),
                m -> m.stream().anyMatch(r -> r.messageId().equals(refusal.answerId())));
        assertThat(recorded)
                .filteredOn(r -> r.messageId().equals(refusal.answerId()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.type()).isEqualTo("refusal");
                    assertThat(r.outcome()).isEqualTo("malformed-document");
                });
    }

    @Test
    void aWithdrawalOfARequestXbNeverRegisteredIsRefusedAndAnswered() {
        var conversation = UUID.randomUUID();
        var withdrawal = fromXa(conversation, MessageType.WITHDRAWAL, "{\"v\": 1, \"reason\": \"sent in error\"}");
        new TransactionTemplate(xb.bean(PlatformTransactionManager.class))
                .executeWithoutResult(status -> xb.bean(CaseExchange.class).onReceived(withdrawal));
        var refusal = refusals(xb, conversation).getFirst();
        assertThat(refusal.messageId()).isEqualTo(withdrawal.envelope().messageId());
        assertThat(refusal.rule()).isEqualTo("request-not-registered");
        assertThat(refusal.type()).isEqualTo("withdrawal");
        assertThat(refusal.answerId()).isNotNull();
        // XA holds no request in that conversation either: it audits the refusal and answers nothing.
        var atXa = await(() -> refusals(xa, conversation), r -> !r.isEmpty());
        assertThat(atXa).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo("refusal");
            assertThat(r.answerId()).isNull();
        });
    }

    /**
     * Issue 14, "Done when": XA's caseworker drafts and sends; XB's node registers and assesses it; XB
     * asks for information; XA answers (through the API's command endpoint, over HTTP); XB consults XA
     * and refuses with reasons; XA's request shows every step of the counterpart, with the receipt of
     * every message each way. Both sides' steps are recorded once per message, as the node itself.
     */
    @Test
    void xbAsksXaAnswersXbConsultsAndRefusesAndXaSeesEveryStepWithItsReceipts() throws Exception {
        var id = sendFromXa();
        var sent = xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow();
        var atXb = await(() -> incoming(sent.conversationId()), Optional::isPresent)
                .orElseThrow()
                .requestId();
        var xaWork = xa.bean(Casework.class);
        var xbWork = xb.bean(Casework.class);
        await(() -> xaWork.get(id).state().code(), "acknowledged"::equals);
        assertThat(xaWork.get(id).correspondence().counterpartReference()).isEqualTo(atXb.toString());
        // The requesting side no longer runs the requested side's workflow.
        assertThatThrownBy(() -> xaWork.startReview(id, null, TestAccounts.username(Role.LEGAL_REVIEWER)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("transition-not-allowed"));
        assertThat(xaWork.actions(xaWork.get(id), TestAccounts.username(Role.CASEWORKER)))
                .extracting(Command.Kind::code)
                .doesNotContain("start-review", "request-information", "record-consultation")
                .contains("record-information-request", "record-counterpart-decision", "withdraw");

        // XB reviews the request it registered and asks for more information.
        var reviewer = TestAccounts.username(Role.LEGAL_REVIEWER);
        xbWork.startReview(atXb, null, reviewer);
        xbWork.requestInformation(atXb, null, "the account's creation date", reviewer);
        var asked = await(() -> xaWork.get(id).state(), s -> s instanceof RequestState.InformationAsked);
        assertThat(((RequestState.InformationAsked) asked).what()).isEqualTo("the account's creation date");
        assertThat(xaWork.get(id).deadline().stopped())
                .as("XA's clock waits for XA")
                .isTrue();

        // XA's caseworker answers from XA's request, through the command endpoint over HTTP.
        var answered = http(
                xa,
                "POST",
                "/api/requests/" + id + "/actions/answer-information",
                TestAccounts.username(Role.CASEWORKER),
                "{\"answer\": \"created on 5 January 2026\", \"expectedVersion\": "
                        + xaWork.get(id).version() + "}");
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        assertThat(JSON.readTree(answered.body()).path("state").asString()).isEqualTo("acknowledged");
        await(() -> xbWork.get(atXb).state(), s -> s instanceof RequestState.UnderReview);
        assertThat(codes(xbWork.auditTrail(atXb))).endsWith("requested-information", "received-information");
        assertThat(xbWork.auditTrail(atXb).getLast().actions().getFirst().args())
                .containsExactly("created on 5 January 2026");

        // XB consults XA, then refuses with reasons (a supervisor approves where the assessment asks).
        xbWork.recordConsultation(
                atXb, null, "Central Authority of XA", "whether the data could be sought in XA directly", reviewer);
        var refusal = new Decision.Refuse(List.of(new Decision.Reason(
                RefusalGround.ESSENTIAL_INTERESTS,
                "disclosure would prejudice an ongoing investigation in XB",
                List.of())));
        var decided = xbWork.decide(atXb, null, refusal, reviewer);
        if (decided.state() instanceof RequestState.AwaitingDecisionApproval) {
            xbWork.approveDecision(
                    atXb, null, decided.proposalFingerprint().orElseThrow(), TestAccounts.username(Role.SUPERVISOR));
        }
        assertThat(xbWork.get(atXb).state().code()).isEqualTo("refused");

        // XA's request shows every step of XB's, recorded as the node itself.
        var refused = await(() -> xaWork.get(id).state(), s -> s instanceof RequestState.RefusedByCounterpart);
        var counterpartDecision = (RequestState.RefusedByCounterpart) refused;
        assertThat(counterpartDecision.decision()).isEqualTo(refusal);
        assertThat(counterpartDecision.consultations()).singleElement().satisfies(c -> {
            assertThat(c.with()).isEqualTo("Central Authority of XB");
            assertThat(c.summary()).isEqualTo("whether the data could be sought in XA directly");
        });
        var trail = xaWork.auditTrail(id);
        assertThat(codes(trail))
                .containsSubsequence(
                        "sent",
                        "acknowledged-by-counterpart",
                        "information-asked-by-counterpart",
                        "answered-information",
                        "consulted-by-counterpart",
                        "decided-by-counterpart");
        assertThat(trail.stream()
                        .filter(l -> !l.actor().equals("exchange"))
                        .map(l -> l.actions().getFirst().code()))
                .as("only XA's own steps were taken by XA's users")
                .containsExactly("created-draft", "proposed-sending", "sent", "answered-information");
        assertThat(trail.getLast().toState()).isEqualTo("refused-by-counterpart");

        // Every message each way has its receipt: XA's API shows the hops of what it sent and what it received.
        var conversation = await(
                () -> xa.bean(CaseConversations.class).of(id),
                c -> c.sent().stream().allMatch(d -> d.status() == DeliveryStatus.DELIVERED));
        assertThat(conversation.sent())
                .extracting(d -> d.type().code())
                .containsExactly("request", "information-answer");
        assertThat(conversation.sent()).allSatisfy(d -> {
            assertThat(d.receipt()).isNotBlank();
            assertThat(d.evidence()).extracting(Delivery.Evidence::event).containsExactly("submitted", "delivered");
        });
        assertThat(conversation.received())
                .extracting(m -> m.type().code() + ":" + m.outcome())
                .containsExactly(
                        "acknowledgement:recorded",
                        "information-request:recorded",
                        "consultation:recorded",
                        "decision:recorded");
        assertThat(conversation.received())
                .allSatisfy(m -> assertThat(m.receipt()).isNotBlank());
        assertThat(conversation.hasFailedDelivery()).isFalse();

        var api = http(xa, "GET", "/api/requests/" + id + "/exchange", TestAccounts.username(Role.AUDITOR), null);
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        var body = JSON.readTree(api.body());
        assertThat(body.path("received").size()).isEqualTo(4);
        assertThat(body.path("sent").get(1).path("receipt").asString()).isNotBlank();
        // A message handled again (as after a crash) is recorded once.
        var decision =
                xa.bean(MessageExchange.class).received(sent.conversationId()).getLast();
        long lines = xaWork.auditTrail(id).size();
        new TransactionTemplate(xa.bean(PlatformTransactionManager.class))
                .executeWithoutResult(status -> xa.bean(CaseExchange.class)
                        .onReceived(new MessageAccepted(decision.envelope(), Instant.now(), decision.digest())));
        assertThat(xaWork.auditTrail(id)).hasSize((int) lines);
    }

    private static List<String> codes(List<AuditEntry> trail) {
        return trail.stream().map(l -> l.actions().getFirst().code()).toList();
    }

    /** A call to a node's API or console with the user's password (Basic), over loopback. */
    private static java.net.http.HttpResponse<String> http(
            TwoNodes.Node node, String method, String path, String username, @Nullable String body) throws Exception {
        var basic = java.util.Base64.getEncoder()
                .encodeToString((username + ":" + TestAccounts.PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.baseUrl() + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * The console's request page on XA: a delivery XB refused says why and offers a retry; retried from
     * the page once XB trusts XA again, the request arrives, and the page then shows the hops with their
     * receipts and the counterpart's steps instead of the requested side's workflow.
     */
    @Test
    void aFailedDeliveryShowsWhyOnTheRequestPageAndIsRetriedFromThere() throws Exception {
        var xbTrust = xb.bean(TrustDirectory.class);
        var pin = xbTrust.pins().stream()
                .filter(p -> p.authority().id().equals(xa.id().value()))
                .findFirst()
                .orElseThrow();
        xbTrust.unpin(pin.id(), "admin");
        try {
            var id = sendFromXa();
            var sent = xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow();
            await(() -> xa.bean(CaseConversations.class).of(id), CaseConversations.Conversation::hasFailedDelivery);
            var console = Console.signIn(xa, TestAccounts.username(Role.CASEWORKER));
            var page = console.get("/requests/" + id).body();
            assertThat(page)
                    .contains("id=\"exchange\"", "Not delivered: unknown-authority", "Retry the delivery")
                    .doesNotContain("Start the review");

            xb.pin(xa);
            var retried = console.post(
                    "/requests/" + id + "/actions/retry-delivery", page, "message=" + sent.requestMessageId());
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(302);
            await(() -> incoming(sent.conversationId()), Optional::isPresent);
            await(() -> xa.bean(Casework.class).get(id).state().code(), "acknowledged"::equals);
            var after = console.get("/requests/" + id).body();
            assertThat(after)
                    .contains("Acknowledged by the other State", "delivered with receipt", "retry requested")
                    .contains("Record a request for information", "Withdraw")
                    .doesNotContain("Not delivered", "Start the review");
        } finally {
            if (xbTrust.pins().stream()
                    .noneMatch(p -> p.authority().id().equals(xa.id().value()))) {
                xb.pin(xa);
            }
        }
    }

    /** A signed-in console session on a node: a cookie jar, signed in through the login form. */
    record Console(java.net.http.HttpClient http, String base) {
        private static final java.util.regex.Pattern CSRF =
                java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

        static Console signIn(TwoNodes.Node node, String username) throws Exception {
            var http = java.net.http.HttpClient.newBuilder()
                    .cookieHandler(new java.net.CookieManager())
                    .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                    .build();
            var console = new Console(http, node.baseUrl());
            var signedIn = console.post(
                    "/login",
                    console.get("/login").body(),
                    "username=" + username + "&password="
                            + java.net.URLEncoder.encode(TestAccounts.PASSWORD, StandardCharsets.UTF_8));
            assertThat(signedIn.statusCode()).isEqualTo(302);
            assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
            return console;
        }

        java.net.http.HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }

        /** Posts a form with the CSRF token read from the page it is on. */
        java.net.http.HttpResponse<String> post(String path, String page, String form) throws Exception {
            var token = CSRF.matcher(page);
            assertThat(token.find()).as("a CSRF token on the page").isTrue();
            var body = form + "&_csrf=" + java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            return http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        }
    }

    /**
     * The other steps each way: XB grants with conditions and executes, XA records both with the
     * conditions; XA withdraws another request and XB's copy is withdrawn with XA's reason. A message
     * the request's state cannot take changes nothing and says why, once.
     */
    @Test
    void aGrantAndItsExecutionReachXaAndXasWithdrawalReachesXb() {
        var xaWork = xa.bean(Casework.class);
        var xbWork = xb.bean(Casework.class);
        var reviewer = TestAccounts.username(Role.LEGAL_REVIEWER);
        var caseworker = TestAccounts.username(Role.CASEWORKER);

        var granted = sendFromXa();
        var link = xa.bean(JdbcExchangeLinks.class).byRequest(granted).orElseThrow();
        var atXb = await(() -> incoming(link.conversationId()), Optional::isPresent)
                .orElseThrow()
                .requestId();
        await(() -> xaWork.get(granted).state().code(), "acknowledged"::equals);

        // An execution result before any decision: not applied, recorded once with the rule, nothing changed.
        var early = new Envelope(
                UUID.randomUUID(),
                link.conversationId(),
                MessageType.EXECUTION_RESULT,
                xb.id(),
                xa.id(),
                Instant.now(),
                Instant.now().plus(Duration.ofDays(1)),
                99,
                "A".repeat(43),
                false,
                "{\"v\": 1, \"evidenceTransmitted\": true}");
        long version = xaWork.get(granted).version();
        for (int i = 0; i < 2; i++) {
            new TransactionTemplate(xa.bean(PlatformTransactionManager.class))
                    .executeWithoutResult(status -> xa.bean(CaseExchange.class)
                            .onReceived(new MessageAccepted(early, Instant.now(), "0".repeat(64))));
        }
        assertThat(xaWork.get(granted).version()).isEqualTo(version);
        assertThat(xa.bean(JdbcExchangeLinks.class).messages(granted))
                .filteredOn(m -> m.messageId().equals(early.messageId()))
                .singleElement()
                .satisfies(m -> assertThat(m.outcome()).isEqualTo("transition-not-allowed"));

        xbWork.startReview(atXb, null, reviewer);
        var grant = new Decision.GrantWithConditions(
                List.of("the data is used only in the proceedings named"), List.of(), null);
        var decided = xbWork.decide(atXb, null, grant, reviewer);
        if (decided.state() instanceof RequestState.AwaitingDecisionApproval) {
            xbWork.approveDecision(
                    atXb, null, decided.proposalFingerprint().orElseThrow(), TestAccounts.username(Role.SUPERVISOR));
        }
        var byXb = await(() -> xaWork.get(granted).state(), s -> s instanceof RequestState.GrantedByCounterpart);
        assertThat(((RequestState.GrantedByCounterpart) byXb).decision()).isEqualTo(grant);
        xbWork.startExecution(atXb, null, caseworker);
        xbWork.completeExecution(atXb, null, true, caseworker);
        var executed = await(() -> xaWork.get(granted).state(), s -> s instanceof RequestState.ExecutedByCounterpart);
        assertThat(((RequestState.ExecutedByCounterpart) executed).evidenceTransmitted())
                .isTrue();
        xaWork.close(granted, null, caseworker);

        // XA withdraws another request; XB's copy is withdrawn with XA's reason, by XB's node.
        var withdrawn = sendFromXa();
        var other = xa.bean(JdbcExchangeLinks.class).byRequest(withdrawn).orElseThrow();
        var otherAtXb = await(() -> incoming(other.conversationId()), Optional::isPresent)
                .orElseThrow()
                .requestId();
        await(() -> xaWork.get(withdrawn).state().code(), "acknowledged"::equals);
        xaWork.withdraw(withdrawn, null, "the suspect was identified by other means", caseworker);
        await(() -> xbWork.get(otherAtXb).state(), s -> s instanceof RequestState.Withdrawn);
        var last = xbWork.auditTrail(otherAtXb).getLast();
        assertThat(last.actor()).isEqualTo("exchange");
        assertThat(last.actions().getFirst().args()).containsExactly("the suspect was identified by other means");
        // Nothing is echoed back: XB sent no withdrawal of its own.
        assertThat(xb.bean(MessageExchange.class).deliveries(other.conversationId()))
                .extracting(d -> d.type().code())
                .containsExactly("acknowledgement");
    }

    static final String EMERGENCY = CaseworkApiTest.CONTENT.replace(
            "\"urgency\": {\"level\": \"NORMAL\"}",
            "\"urgency\": {\"level\": \"EMERGENCY\", \"imminentRisk\": \"A threat to the life of a named person.\"}");

    /** An emergency request XA's caseworker drafted and proposed, awaiting the supervisor. */
    static UUID proposedEmergency() {
        var casework = xa.bean(Casework.class);
        var content = JSON.readValue(EMERGENCY, RequestContent.class);
        assertThat(content.emergency()).isTrue();
        var draft = casework.draft(KindOfAssistance.STORED_DATA, content, TestAccounts.username(Role.CASEWORKER));
        casework.proposeSending(draft.id(), null, TestAccounts.username(Role.CASEWORKER));
        return draft.id();
    }

    static String sign(com.nimbusds.jose.jwk.ECKey key, String signingInput) throws Exception {
        return new com.nimbusds.jose.crypto.ECDSASigner(key)
                .sign(
                        new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.ES256),
                        signingInput.getBytes(StandardCharsets.US_ASCII))
                .toString();
    }

    @Test
    void anEmergencyRequestLeavesOnlyCoSignedByTheSupervisorsOwnKeyAndXbRegistersItAsAnEmergency() throws Exception {
        var caseworker = TestAccounts.username(Role.CASEWORKER);
        var supervisor = TestAccounts.username(Role.SUPERVISOR);
        var id = proposedEmergency();
        var coSigning = xa.bean(EmergencyCoSigning.class);

        // Approved without a co-signature: refused, and nothing is sent or recorded as sent.
        assertThatThrownBy(() -> xa.bean(Casework.class).approveSending(id, null, supervisor))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("co-signature-required"));
        assertThat(xa.bean(Casework.class).get(id).state()).isInstanceOf(RequestState.AwaitingSendApproval.class);
        assertThat(xa.bean(JdbcExchangeLinks.class).byRequest(id)).isEmpty();

        // The caseworker holds no supervisor key: nothing to sign, and the supervisor's key is not theirs.
        assertThatThrownBy(() -> coSigning.signingInput(id, caseworker)).isInstanceOf(org.comity.shared.NotFound.class);
        var input = coSigning.signingInput(id, supervisor);
        assertThat(input.keyId()).isEqualTo(XA_SUPERVISOR_KEY.getKeyID());
        assertThat(input.envelope())
                .contains("\"emergency\":true")
                .contains(xb.id().value());
        var signature = sign(XA_SUPERVISOR_KEY, input.signingInput());
        assertThatThrownBy(() -> coSigning.coSignAndApprove(
                        id, input.messageId(), input.keyId(), signature, null, caseworker, "api"))
                .isInstanceOfSatisfying(
                        org.comity.shared.InvalidInput.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("not-your-key"));
        // A signature by any other key (here a key the node could make itself) does not verify.
        var other = org.comity.exchange.domain.KeyRing.generate(
                org.comity.exchange.KeyPurpose.SIGNING, Instant.now().minusSeconds(60), Duration.ofDays(1));
        assertThatThrownBy(() -> coSigning.coSignAndApprove(
                        id,
                        input.messageId(),
                        input.keyId(),
                        sign(other, input.signingInput()),
                        null,
                        supervisor,
                        "api"))
                .isInstanceOfSatisfying(
                        org.comity.shared.InvalidInput.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("bad-co-signature"));
        assertThat(xa.bean(JdbcExchangeLinks.class).byRequest(id)).isEmpty();

        // Co-signed with the supervisor's own key: it leaves, with both signatures.
        coSigning.coSignAndApprove(id, input.messageId(), input.keyId(), signature, null, supervisor, "api");
        var sent = xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow();
        assertThat(sent.requestMessageId()).isEqualTo(input.messageId());

        var received = await(() -> incoming(sent.conversationId()), Optional::isPresent)
                .orElseThrow();
        var atXb = xb.bean(Casework.class).get(received.requestId());
        assertThat(atXb.content().emergency()).isTrue();
        assertThat(received.pairingToken()).isEqualTo(sent.pairingToken());
        var stored = xb.bean(JdbcClient.class)
                .sql("SELECT emergency, signing_key_ids FROM exchange_inbox WHERE message_id = ?")
                .param(input.messageId())
                .query((rs, n) -> rs.getBoolean(1) + " " + rs.getString(2))
                .single();
        assertThat(stored).startsWith("true").contains(XA_SUPERVISOR_KEY.getKeyID());
        assertThat(xa.bean(Casework.class).get(id).state()).isNotInstanceOf(RequestState.AwaitingSendApproval.class);
    }

    /** XA's console as one of its users, through XA's own security chain. */
    static org.springframework.test.web.servlet.MockMvc xaConsole() {
        return org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(
                        (org.springframework.web.context.WebApplicationContext) xa.context())
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
                .build();
    }

    static org.springframework.test.web.servlet.request.RequestPostProcessor as(Role role) {
        return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(
                        TestAccounts.username(role))
                .roles(role.name());
    }

    static long coSignatureAudits(String outcome, UUID messageId) {
        return xa.bean(JdbcClient.class)
                .sql("SELECT count(*) FROM exchange_audit WHERE action = 'co-signature' AND channel = 'console'"
                        + " AND outcome = ? AND subject = ?")
                .params(outcome, messageId.toString())
                .query(Long.class)
                .single();
    }

    @Test
    void theSupervisorCoSignsAnEmergencyInTheConsoleAndARefusedSignatureStaysAudited() throws Exception {
        var supervisor = TestAccounts.username(Role.SUPERVISOR);
        var id = proposedEmergency();
        var mvc = xaConsole();
        var get = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                "/requests/{id}/co-signing", id);
        var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
        var ok = org.springframework.test.web.servlet.result.MockMvcResultMatchers.status();

        // The request page leads the supervisor there; only supervisors get in.
        var requestPage = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/requests/{id}", id)
                                .with(as(Role.SUPERVISOR)))
                .andExpect(ok.isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(requestPage).contains("/requests/" + id + "/co-signing");
        for (Role role : new Role[] {Role.CASEWORKER, Role.LEGAL_REVIEWER, Role.AUDITOR}) {
            mvc.perform(get.with(as(role))).andExpect(ok.isForbidden());
        }
        assertThat(mvc.perform(get.with(as(Role.SUPERVISOR)))
                        .andExpect(ok.isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("No message is prepared")
                .doesNotContain("co-sign-input");

        // Prepare: the page shows the envelope and the signing input, for the supervisor's own key.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                "/requests/{id}/co-signing", id)
                        .with(as(Role.SUPERVISOR))
                        .with(csrf))
                .andExpect(ok.is3xxRedirection());
        var input = xa.bean(EmergencyCoSigning.class).prepared(id, supervisor).orElseThrow();
        assertThat(input.keyId()).isEqualTo(XA_SUPERVISOR_KEY.getKeyID());
        assertThat(mvc.perform(get.with(as(Role.SUPERVISOR)))
                        .andExpect(ok.isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(input.signingInput())
                .contains(input.keyId())
                .contains("&quot;emergency&quot;:true");
        var version = xa.bean(Casework.class).get(id).version();
        var post = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        "/requests/{id}/co-signature", id)
                .with(as(Role.SUPERVISOR))
                .with(csrf)
                .param("version", Long.toString(version))
                .param("messageId", input.messageId().toString())
                .param("keyId", input.keyId());

        // A pasted line that is not a signature: the message is next to the field, nothing sent.
        assertThat(mvc.perform(post.param("signature", "signature: not-a-signature"))
                        .andExpect(ok.isUnprocessableContent())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("id=\"co-sign-signature-error\"")
                .contains("86 characters");

        // A signature by another key: refused, the request stays awaiting approval, and the refusal is
        // audited although the approval it came with rolled back.
        var other = org.comity.exchange.domain.KeyRing.generate(
                org.comity.exchange.KeyPurpose.SIGNING, Instant.now().minusSeconds(60), Duration.ofDays(1));
        var forged = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        "/requests/{id}/co-signature", id)
                .with(as(Role.SUPERVISOR))
                .with(csrf)
                .param("version", Long.toString(version))
                .param("messageId", input.messageId().toString())
                .param("keyId", input.keyId())
                .param("signature", sign(other, input.signingInput()));
        assertThat(mvc.perform(forged)
                        .andExpect(ok.isUnprocessableContent())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("does not verify with your key");
        assertThat(xa.bean(Casework.class).get(id).state()).isInstanceOf(RequestState.AwaitingSendApproval.class);
        assertThat(xa.bean(JdbcExchangeLinks.class).byRequest(id)).isEmpty();
        assertThat(coSignatureAudits("bad-co-signature", input.messageId())).isEqualTo(1);

        // Signed with the supervisor's own key: co-signed and approved in one step, audited from the console.
        var signed = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                        "/requests/{id}/co-signature", id)
                .with(as(Role.SUPERVISOR))
                .with(csrf)
                .param("version", Long.toString(version))
                .param("messageId", input.messageId().toString())
                .param("keyId", input.keyId())
                .param("signature", sign(XA_SUPERVISOR_KEY, input.signingInput()));
        mvc.perform(signed)
                .andExpect(ok.is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/requests/" + id));
        assertThat(xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow().requestMessageId())
                .isEqualTo(input.messageId());
        assertThat(coSignatureAudits("accepted", input.messageId())).isEqualTo(1);
        assertThat(xa.bean(Casework.class).get(id).state()).isNotInstanceOf(RequestState.AwaitingSendApproval.class);
    }

    @Test
    void anEmergencyRequestWithOneSignatureIsRefusedByXbsInboxAndAudited() throws Exception {
        var id = proposedEmergency();
        var request = xa.bean(Casework.class).get(id);
        var document = xa.bean(CaseExchange.class).requestDocument(request);
        var now = Instant.now();
        var forged = new Envelope(
                UUID.randomUUID(),
                UUID.randomUUID(),
                MessageType.REQUEST,
                xa.id(),
                xb.id(),
                now,
                now.plusSeconds(3600),
                1,
                org.comity.exchange.domain.Messages.pairingToken(),
                true,
                document);
        var before = incomingRequests();

        var answer = xb.post(xa.sealedWithOneSignature(forged, xb));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("emergency-needs-two-signatures");
        assertThat(xb.bean(TrustDirectory.class).audit(50)).anySatisfy(a -> {
            assertThat(a.channel()).isEqualTo("inbox");
            assertThat(a.action()).isEqualTo("message-receive");
            assertThat(a.outcome()).isEqualTo("emergency-needs-two-signatures");
        });
        assertThat(xb.bean(JdbcClient.class)
                        .sql("SELECT count(*) FROM exchange_inbox WHERE message_id = ?")
                        .param(forged.messageId())
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(incomingRequests()).isEqualTo(before);
    }

    @Test
    void anEmergencyDocumentInAMessageNotMarkedAsOneIsNotRegistered() {
        // One signature passes the inbox when the envelope says "not an emergency"; the document inside
        // says it is one: XB's casework refuses to register it and answers with a refusal.
        var id = proposedEmergency();
        var document = xa.bean(CaseExchange.class)
                .requestDocument(xa.bean(Casework.class).get(id));
        var conversation = UUID.randomUUID();
        var before = incomingRequests();
        var sent = new TransactionTemplate(xa.bean(PlatformTransactionManager.class))
                .execute(status -> xa.bean(MessageExchange.class)
                        .send(
                                new org.comity.exchange.OutgoingMessage(
                                        conversation, MessageType.REQUEST, xb.id(), null, false, document),
                                "test"));
        var refusal = await(() -> xb.bean(JdbcExchangeLinks.class).refusal(sent.messageId()), Optional::isPresent)
                .orElseThrow();
        assertThat(refusal.rule()).isEqualTo("emergency-not-co-signed");
        assertThat(incomingRequests()).isEqualTo(before);
        assertThat(incoming(conversation)).isEmpty();
    }

    @Test
    void aMessageOverTheWebLayersBoundIsRefusedByTheInboxsOwnStepAndAudited() throws Exception {
        // 5 MiB: over comity.web.max-request-bytes (4 MiB), which no longer answers for the inbox.
        var body = "A".repeat(5 * 1024 * 1024);
        int status;
        try {
            status = xb.post(body).statusCode();
        } catch (java.io.IOException closed) {
            status = 413; // the server may close the connection on a body it will not read
        }
        assertThat(status).isEqualTo(413);
        assertThat(xb.bean(TrustDirectory.class).audit(50)).anySatisfy(a -> {
            assertThat(a.channel()).isEqualTo("inbox");
            assertThat(a.action()).isEqualTo("message-receive");
            assertThat(a.outcome()).isEqualTo("too-large");
        });
    }

    @Test
    void aLetterWrittenOnEitherSideIsDeliveredAndKeptOnTheOtherSidesRequest() {
        var caseworker = TestAccounts.username(Role.CASEWORKER);
        var id = sendFromXa();
        var sent = xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow();
        var atXb = await(() -> incoming(sent.conversationId()), Optional::isPresent)
                .orElseThrow()
                .requestId();

        xa.bean(CounterpartLetters.class).send(id, "Please preserve the logs of the second account too.", caseworker);
        var atXbLetters = await(() -> xb.bean(CounterpartLetters.class).of(atXb), l -> !l.isEmpty());
        assertThat(atXbLetters).singleElement().satisfies(l -> {
            assertThat(l.way()).isEqualTo(org.comity.casework.domain.CounterpartLetter.Way.RECEIVED);
            assertThat(l.author()).isNull();
            assertThat(l.counterpart()).isEqualTo(xa.id().value());
            assertThat(l.body()).isEqualTo("Please preserve the logs of the second account too.");
        });

        xb.bean(CounterpartLetters.class).send(atXb, "Noted: the preservation covers both accounts.", caseworker);
        var atXa = await(() -> xa.bean(CounterpartLetters.class).of(id), l -> l.size() == 2);
        assertThat(atXa)
                .extracting(org.comity.casework.domain.CounterpartLetter::way)
                .containsExactly(
                        org.comity.casework.domain.CounterpartLetter.Way.SENT,
                        org.comity.casework.domain.CounterpartLetter.Way.RECEIVED);
        assertThat(atXa.getLast().body()).isEqualTo("Noted: the preservation covers both accounts.");

        // A request that did not travel by the exchange has no one to write to; an empty letter is refused.
        var onPaper = xa.bean(Casework.class)
                .draft(
                        KindOfAssistance.STORED_DATA,
                        JSON.readValue(CaseworkApiTest.CONTENT, RequestContent.class),
                        caseworker);
        assertThatThrownBy(() -> xa.bean(CounterpartLetters.class).send(onPaper.id(), "hello", caseworker))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("not-exchanged"));
        assertThatThrownBy(() -> xa.bean(CounterpartLetters.class).send(id, " ", caseworker))
                .isInstanceOf(org.comity.shared.InvalidInput.class);
    }

    @Test
    void aLetterIsWrittenAndReadOnTheRequestPageOfEitherSide() throws Exception {
        var id = sendFromXa();
        var sent = xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow();
        var atXb = await(() -> incoming(sent.conversationId()), Optional::isPresent)
                .orElseThrow()
                .requestId();
        var mvc = xaConsole();
        var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
        var status = org.springframework.test.web.servlet.result.MockMvcResultMatchers.status();
        var letters =
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/requests/{id}/letters", id);

        // An empty letter comes back with its message next to the field, nothing sent; auditors only read.
        var refused = mvc.perform(letters.with(as(Role.CASEWORKER)).with(csrf).param("text", "   "))
                .andExpect(status.is3xxRedirection())
                .andReturn();
        var page = mvc.perform(
                        org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/requests/{id}", id)
                                .with(as(Role.CASEWORKER))
                                .flashAttrs(refused.getFlashMap()))
                .andExpect(status.isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"letter-text-error\"").contains("1 to 20 000 characters");
        assertThat(xa.bean(CounterpartLetters.class).of(id)).isEmpty();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                "/requests/{id}/letters", id)
                        .with(as(Role.AUDITOR))
                        .with(csrf)
                        .param("text", "An auditor's note."))
                .andExpect(status.isForbidden());

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                                "/requests/{id}/letters", id)
                        .with(as(Role.CASEWORKER))
                        .with(csrf)
                        .param("text", "Could you confirm the <b>account</b> holder's date of birth?"))
                .andExpect(status.is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                        .attribute("done", "letter-sent"));
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                        "/requests/{id}", id)
                                .with(as(Role.AUDITOR)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Could you confirm the &lt;b&gt;account&lt;/b&gt; holder&#39;s date of birth?")
                .contains("Sent by " + TestAccounts.username(Role.CASEWORKER))
                .doesNotContain("action=\"/requests/" + id + "/letters\"");
        // XB's caseworker reads it on XB's own request page.
        await(() -> xb.bean(CounterpartLetters.class).of(atXb), l -> !l.isEmpty());
        var atXbMvc = org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(
                        (org.springframework.web.context.WebApplicationContext) xb.context())
                .apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
                .build();
        assertThat(atXbMvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                                        "/requests/{id}", atXb)
                                .with(as(Role.CASEWORKER)))
                        .andExpect(status.isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Received from " + xa.id().value())
                .contains("holder&#39;s date of birth?")
                .contains("action=\"/requests/" + atXb + "/letters\"");
    }

    /** A PDF and a PNG of some size, their first bytes what their types say. */
    static byte[] document(String magic, int size, int seed) {
        var bytes = new byte[size];
        new java.util.Random(seed).nextBytes(bytes);
        var head = magic.getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /** Drafted with these documents attached, proposed for sending: the supervisor's approval sends it. */
    static UUID proposedWithDocuments(Map<String, byte[]> documents) {
        var caseworker = TestAccounts.username(Role.CASEWORKER);
        var casework = xa.bean(Casework.class);
        var draft = casework.draft(
                KindOfAssistance.STORED_DATA,
                JSON.readValue(CaseworkApiTest.CONTENT, RequestContent.class),
                caseworker);
        documents.forEach((name, content) -> xa.bean(Attachments.class)
                .attach(
                        draft.id(),
                        name,
                        name.endsWith(".pdf") ? "application/pdf" : name.endsWith(".png") ? "image/png" : "text/plain",
                        content,
                        caseworker));
        casework.proposeSending(draft.id(), null, caseworker);
        return draft.id();
    }

    @Test
    void theRequestsDocumentsTravelWithItAndXbRegistersThemByteForByte() {
        var order = document("%PDF-1.7\n", 150_000, 1);
        var photo = document("\u0089PNG\r\n\u001a\n", 120_000, 2);
        var documents = new java.util.LinkedHashMap<String, byte[]>();
        documents.put("court-order.pdf", order);
        documents.put("screenshot.png", photo);
        var id = proposedWithDocuments(documents);
        xa.bean(Casework.class).approveSending(id, null, TestAccounts.username(Role.SUPERVISOR));

        var sent = xa.bean(JdbcExchangeLinks.class).byRequest(id).orElseThrow();
        var atXb = await(() -> incoming(sent.conversationId()), Optional::isPresent)
                .orElseThrow()
                .requestId();
        // The estimate the sender bounds by is never below what really went on the wire.
        long wire = xa.bean(JdbcClient.class)
                .sql("SELECT octet_length(body) FROM exchange_outbox WHERE message_id = ?")
                .param(sent.requestMessageId())
                .query(Long.class)
                .single();
        long payload = xa.bean(CaseExchange.class)
                .requestDocument(xa.bean(Casework.class).get(id))
                .getBytes(StandardCharsets.UTF_8)
                .length;
        System.out.println("attachments 270000 B, payload " + payload + " B, sealed " + wire + " B, estimate "
                + org.comity.casework.domain.TravellingAttachments.sealedBytes(payload) + " B");
        assertThat(wire).isLessThanOrEqualTo(org.comity.casework.domain.TravellingAttachments.sealedBytes(payload));
        var store = xb.bean(org.comity.casework.persistence.JdbcAttachments.class);
        var arrived = store.list(atXb);
        assertThat(arrived).extracting(AttachmentInfo::fileName).containsExactly("court-order.pdf", "screenshot.png");
        assertThat(arrived).extracting(AttachmentInfo::contentType).containsExactly("application/pdf", "image/png");
        assertThat(arrived).extracting(AttachmentInfo::sizeBytes).containsExactly(150_000L, 120_000L);
        assertThat(arrived).extracting(AttachmentInfo::uploadedBy).containsOnly("exchange");
        assertThat(store.content(arrived.get(0).id())).isEqualTo(order);
        assertThat(store.content(arrived.get(1).id())).isEqualTo(photo);
        assertThat(arrived)
                .extracting(AttachmentInfo::sha256)
                .containsExactlyElementsOf(
                        xa.bean(org.comity.casework.persistence.JdbcAttachments.class).list(id).stream()
                                .map(AttachmentInfo::sha256)
                                .toList());
        // Nothing of them in XB's public log: names, digests and content stay between the two nodes.
        for (var table : List.of("log_entry", "log_outbox")) {
            assertThat(xb.bean(JdbcClient.class)
                            .sql("SELECT count(*) FROM " + table
                                    + " WHERE position(convert_to('court-order', 'UTF8') in entry) > 0"
                                    + " OR position(convert_to(?, 'UTF8') in entry) > 0"
                                    + " OR position(decode(?, 'hex') in entry) > 0")
                            .params(arrived.get(0).sha256(), arrived.get(0).sha256())
                            .query(Long.class)
                            .single())
                    .as("nothing of the documents in " + table)
                    .isZero();
        }
    }

    @Test
    void aDocumentOverTheExchangesBoundIsRefusedBeforeSendingAndNothingIsSent() {
        var id = proposedWithDocuments(Map.of("note.txt", "A".repeat(300_000).getBytes(StandardCharsets.US_ASCII)));
        var before = xa.bean(Casework.class).get(id).state().code();

        assertThatThrownBy(
                        () -> xa.bean(Casework.class).approveSending(id, null, TestAccounts.username(Role.SUPERVISOR)))
                .isInstanceOfSatisfying(
                        org.comity.shared.InvalidInput.class,
                        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("attachments[0]");
                            assertThat(v.rule()).isEqualTo("attachment-too-large");
                        }));
        assertThat(xa.bean(Casework.class).get(id).state().code()).isEqualTo(before);
        assertThat(xa.bean(JdbcExchangeLinks.class).byRequest(id)).isEmpty();
    }

    @Test
    void aDocumentWhoseDigestDoesNotMatchRefusesTheWholeRequestAndXaIsTold() {
        var id = proposedWithDocuments(
                Map.of("a.pdf", document("%PDF-1.4\n", 2_000, 3), "b.pdf", document("%PDF-1.4\n", 3_000, 4)));
        var document = xa.bean(CaseExchange.class)
                .requestDocument(xa.bean(Casework.class).get(id));
        // The second document's content swapped for other bytes of the same size: its digest no longer holds.
        var tree = (tools.jackson.databind.node.ObjectNode) JSON.readTree(document);
        var second = (tools.jackson.databind.node.ObjectNode)
                tree.path("attachments").get(1);
        second.put(
                "content",
                java.util.Base64.getEncoder()
                        .encodeToString(
                                document("%PDF-1.4\n", second.path("size").asInt(), 5)));
        var conversation = UUID.randomUUID();
        var before = incomingRequests();
        long documentsBefore = xb.bean(JdbcClient.class)
                .sql("SELECT count(*) FROM casework_attachment")
                .query(Long.class)
                .single();
        var sent = new TransactionTemplate(xa.bean(PlatformTransactionManager.class))
                .execute(status -> xa.bean(MessageExchange.class)
                        .send(
                                new org.comity.exchange.OutgoingMessage(
                                        conversation,
                                        MessageType.REQUEST,
                                        xb.id(),
                                        null,
                                        false,
                                        JSON.writeValueAsString(tree)),
                                "test"));

        var refusal = await(() -> xb.bean(JdbcExchangeLinks.class).refusal(sent.messageId()), Optional::isPresent)
                .orElseThrow();
        assertThat(refusal.rule()).isEqualTo("attachment-digest-mismatch");
        assertThat(refusal.answerId()).as("XA is told").isNotNull();
        assertThat(incomingRequests()).isEqualTo(before);
        assertThat(incoming(conversation)).isEmpty();
        assertThat(xb.bean(JdbcClient.class)
                        .sql("SELECT count(*) FROM casework_attachment")
                        .query(Long.class)
                        .single())
                .isEqualTo(documentsBefore);
        var atXa = await(() -> refusals(xa, conversation), r -> !r.isEmpty());
        assertThat(atXa).singleElement().satisfies(r -> assertThat(r.type()).isEqualTo("refusal"));
    }

    static long incomingRequests() {
        return xb.bean(JdbcClient.class)
                .sql("SELECT count(*) FROM casework_request WHERE direction = 'INCOMING'")
                .query(Long.class)
                .single();
    }
}
