package org.comity.casework;

import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.persistence.CaseworkJson;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.exchange.Envelope;
import org.comity.exchange.MessageAccepted;
import org.comity.exchange.MessageExchange;
import org.comity.exchange.MessageType;
import org.comity.exchange.OutgoingMessage;
import org.comity.exchange.TrustDirectory;
import org.comity.treaty.KindOfAssistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests between nodes (docs/casework.md, "Exchange"). A request sent to a State whose authority the
 * trust directory knows leaves as a {@code request} message in the transaction that sends it; a
 * {@code request} message accepted here registers an incoming request, once per message, and answers
 * with an {@code acknowledgement} naming our reference; an acknowledgement is recorded on the request
 * it answers.
 */
@Component
class CaseExchange {

    private static final Logger log = LoggerFactory.getLogger(CaseExchange.class);

    /** Version of the payload documents below; a receiver refuses any other. */
    static final int DOCUMENT_VERSION = 1;

    /** A reference as a counterpart may send it: an id, never free text. */
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,79}");

    private static final String OUTGOING = "OUTGOING";
    private static final String INCOMING = "INCOMING";

    private final Casework casework;
    private final JdbcExchangeLinks links;
    private final MessageExchange exchange;
    private final TrustDirectory trust;
    private final Clock clock;
    private final JsonMapper json =
            JsonMapper.builder().addModule(CaseworkJson.module()).build();

    CaseExchange(
            Casework casework, JdbcExchangeLinks links, MessageExchange exchange, TrustDirectory trust, Clock clock) {
        this.casework = casework;
        this.links = links;
        this.exchange = exchange;
        this.trust = trust;
        this.clock = clock;
    }

    /**
     * Runs inside the transaction that sends the request, so the message is in the outbox if and only
     * if the request is recorded as sent. A State with no trusted authority gets the letter as before.
     * An emergency request waits for the supervisor's co-signature flow (issue 14 step 5) and goes on
     * paper until then.
     */
    @EventListener
    void onSubmitted(RequestSubmitted submitted) {
        var facts = submitted.request();
        if (!"outgoing".equals(facts.direction()) || facts.requestedState() == null || facts.emergency()) {
            return;
        }
        var recipient = trust.recipientIn(facts.requestedState());
        if (recipient.isEmpty()) {
            return;
        }
        var request = casework.get(facts.requestId());
        var conversation = UUID.randomUUID();
        var sent = exchange.send(
                new OutgoingMessage(
                        conversation, MessageType.REQUEST, recipient.get(), null, false, requestDocument(request)),
                Casework.EXCHANGE.username());
        links.link(
                request.id(),
                OUTGOING,
                conversation,
                recipient.get().value(),
                sent.messageId(),
                sent.pairingToken(),
                clock.instant());
    }

    /**
     * After the inbox stored the message, in a transaction of its own. The event is published once per
     * message, but the listener may run again after a crash: the link's unique message id makes a
     * second registration roll back.
     */
    @ApplicationModuleListener
    void onAccepted(MessageAccepted accepted) {
        var envelope = accepted.envelope();
        switch (envelope.type()) {
            case REQUEST -> register(envelope, accepted);
            case ACKNOWLEDGEMENT -> acknowledge(envelope);
            default -> {
                // later steps of the lifecycle (issue 14 step 4 continues)
            }
        }
    }

    private void register(Envelope envelope, MessageAccepted accepted) {
        if (links.byRequestMessage(envelope.messageId()).isPresent()) {
            return;
        }
        var sender = trust.authority(envelope.sender());
        if (sender.isEmpty()) {
            log.warn("Request message {}: its sender is no longer trusted; not registered", envelope.messageId());
            return;
        }
        Document document;
        try {
            document = readRequest(envelope.payload());
        } catch (RuntimeException e) {
            log.warn("Request message {}: not a request document version {}", envelope.messageId(), DOCUMENT_VERSION);
            return;
        }
        var requesting = document.content().requestingAuthority();
        if (requesting == null || !sender.get().state().equals(requesting.state())) {
            // An authority asks for its own State only: whoever holds XA's key cannot ask in QM's name.
            log.warn(
                    "Request message {}: the requesting State is not the sender's ({}); not registered",
                    envelope.messageId(),
                    sender.get().state());
            return;
        }
        var request = casework.registerFromExchange(document.kind(), document.content(), accepted.receivedAt());
        if (!links.link(
                request.id(),
                INCOMING,
                envelope.conversationId(),
                envelope.sender().value(),
                envelope.messageId(),
                envelope.pairingToken(),
                clock.instant())) {
            throw new IllegalStateException("request message " + envelope.messageId() + " is registered already");
        }
        var reference = request.id().toString();
        var ack = exchange.send(
                new OutgoingMessage(
                        envelope.conversationId(),
                        MessageType.ACKNOWLEDGEMENT,
                        envelope.sender(),
                        null,
                        false,
                        json.writeValueAsString(java.util.Map.of("v", DOCUMENT_VERSION, "reference", reference))),
                Casework.EXCHANGE.username());
        links.acknowledged(request.id(), ack.messageId(), reference);
    }

    private void acknowledge(Envelope envelope) {
        var link = links.byConversation(envelope.conversationId(), OUTGOING);
        if (link.isEmpty() || !link.get().counterpart().equals(envelope.sender().value())) {
            log.warn("Acknowledgement {} answers no request sent to its sender", envelope.messageId());
            return;
        }
        String reference;
        try {
            var document = json.readTree(envelope.payload());
            if (document.path("v").asInt() != DOCUMENT_VERSION) {
                throw new IllegalArgumentException("version");
            }
            reference = document.path("reference").asString();
            if (!REFERENCE.matcher(reference).matches()) {
                throw new IllegalArgumentException("reference");
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Acknowledgement {}: not an acknowledgement document version {}",
                    envelope.messageId(),
                    DOCUMENT_VERSION);
            return;
        }
        if (links.acknowledged(link.get().requestId(), envelope.messageId(), reference)) {
            casework.acknowledgedByCounterpart(link.get().requestId(), reference);
        }
    }

    /** The request document: {@code {"v": 1, "kind": <code>, "content": <the request's content>}}. */
    String requestDocument(Request request) {
        var document = json.createObjectNode();
        document.put("v", DOCUMENT_VERSION);
        document.put("kind", request.kind().code());
        document.set("content", json.valueToTree(request.content()));
        return json.writeValueAsString(document);
    }

    Document readRequest(String payload) {
        JsonNode document = json.readTree(payload);
        if (document.path("v").asInt() != DOCUMENT_VERSION) {
            throw new IllegalArgumentException("unknown request document version");
        }
        var code = document.path("kind").asString();
        var kind = Arrays.stream(KindOfAssistance.values())
                .filter(k -> k.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown kind"));
        return new Document(kind, json.treeToValue(document.required("content"), RequestContent.class));
    }

    record Document(KindOfAssistance kind, RequestContent content) {}
}
