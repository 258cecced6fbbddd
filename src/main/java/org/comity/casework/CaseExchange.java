package org.comity.casework;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.casework.domain.AuditAction;
import org.comity.casework.domain.CaseEvent;
import org.comity.casework.domain.Command;
import org.comity.casework.domain.Decision;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestState;
import org.comity.casework.domain.TravellingAttachments;
import org.comity.casework.persistence.CaseworkJson;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.exchange.Authority;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.Envelope;
import org.comity.exchange.MessageAccepted;
import org.comity.exchange.MessageExchange;
import org.comity.exchange.MessageType;
import org.comity.exchange.OutgoingMessage;
import org.comity.exchange.ReceivedMessage;
import org.comity.exchange.TrustDirectory;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.treaty.KindOfAssistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests between nodes (docs/casework.md, "Exchange"). A request sent to a State whose authority the
 * trust directory knows leaves as a {@code request} message in the transaction that sends it; a
 * {@code request} message accepted here registers an incoming request, once per message, and answers
 * with an {@code acknowledgement} naming our reference. After that each side's steps travel as
 * messages and are recorded on the other side's request: the requested side's information requests,
 * consultations, decision and execution result; the requesting side's answers and withdrawal.
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
    private final ExchangeRoute route;
    private final org.comity.exchange.CoSignatures coSignatures;
    private final org.comity.casework.persistence.JdbcLetters letters;
    private final Clock clock;
    private final JsonMapper json =
            JsonMapper.builder().addModule(CaseworkJson.module()).build();

    private final TransactionTemplate savepoint;
    private final org.comity.casework.persistence.JdbcAttachments attachments;
    private final TravellingAttachments bounds;
    /** Bound for a document the policy reads (type, name), as at upload. */
    private final long maxUploadBytes;

    CaseExchange(
            Casework casework,
            JdbcExchangeLinks links,
            MessageExchange exchange,
            TrustDirectory trust,
            ExchangeRoute route,
            org.comity.exchange.CoSignatures coSignatures,
            org.comity.casework.persistence.JdbcLetters letters,
            Clock clock,
            PlatformTransactionManager transactions,
            org.comity.casework.persistence.JdbcAttachments attachments,
            @Value("${comity.casework.exchange.max-attachments:20}") int maxAttachments,
            @Value("${comity.casework.exchange.max-attachment-bytes:262144}") long maxAttachmentBytes,
            @Value("${comity.casework.exchange.max-attachments-total-bytes:393216}") long maxAttachmentsTotal,
            @Value("${comity.exchange.messages.max-bytes:1048576}") long maxMessageBytes,
            @Value("${comity.casework.max-attachment-bytes:20971520}") long maxUploadBytes) {
        this.attachments = attachments;
        this.bounds =
                new TravellingAttachments(maxAttachments, maxAttachmentBytes, maxAttachmentsTotal, maxMessageBytes);
        this.maxUploadBytes = maxUploadBytes;
        this.letters = letters;
        this.route = route;
        this.coSignatures = coSignatures;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.casework = casework;
        this.links = links;
        this.exchange = exchange;
        this.trust = trust;
        this.clock = clock;
    }

    /**
     * Runs inside the transaction that sends the request, so the message is in the outbox if and only
     * if the request is recorded as sent. A State with no trusted authority gets the letter as before
     * ({@link ExchangeRoute}). An emergency request leaves only as the message its supervisor co-signed
     * ({@link EmergencyCoSigning}), and only if that message still says what the request says: else the
     * sending is refused (409) and nothing is stored.
     */
    @EventListener
    void onSubmitted(RequestSubmitted submitted) {
        var facts = submitted.request();
        var recipient = route.recipient(facts);
        if (recipient.isEmpty()) {
            return;
        }
        var request = casework.get(facts.requestId());
        String document;
        try {
            document = requestDocument(request);
        } catch (InvalidInput e) {
            // Documents over the bound: the request is not sent at all (nor recorded as sent).
            org.springframework.transaction.interceptor.TransactionAspectSupport.currentTransactionStatus()
                    .setRollbackOnly();
            throw e;
        }
        UUID conversation;
        org.comity.exchange.SentMessage sent;
        if (facts.emergency()) {
            var prepared = coSignatures
                    .unsent(request.id().toString())
                    .filter(p -> p.coSigned()
                            && p.payload().equals(document)
                            && p.recipient().equals(recipient.get()))
                    .orElse(null);
            if (prepared == null) {
                // Marked first: a command performed through Casework.perform does not roll back for a
                // conflict, and the request must not stand as sent with no message.
                org.springframework.transaction.interceptor.TransactionAspectSupport.currentTransactionStatus()
                        .setRollbackOnly();
                throw new Conflict(
                        "co-signature-required",
                        "an emergency request goes by the exchange only co-signed by a supervisor"
                                + " (POST /api/requests/{id}/co-signature)");
            }
            conversation = prepared.conversationId();
            sent = coSignatures.send(prepared.messageId(), Casework.EXCHANGE.username());
        } else {
            conversation = UUID.randomUUID();
            sent = exchange.send(
                    new OutgoingMessage(
                            conversation,
                            MessageType.REQUEST,
                            recipient.get(),
                            null,
                            false,
                            document,
                            submitted.pairing()),
                    Casework.EXCHANGE.username());
        }
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
     * After the inbox stored a {@code request} message, in a transaction of its own (registering assesses
     * the request, which may take a while). The event is published once per message, but the listener
     * may run again after a crash: the link's unique message id makes a second registration roll back.
     * The condition keeps every other message out of the event publication registry: without it, each
     * accepted letter or lifecycle step cost a publication row, a transaction of its own and a completion
     * update for a listener that does nothing with it.
     */
    @ApplicationModuleListener(condition = "#accepted.envelope().type() == T(org.comity.exchange.MessageType).REQUEST")
    void onAccepted(MessageAccepted accepted) {
        register(accepted.envelope(), accepted);
    }

    /**
     * Every other lifecycle message is recorded on the request of its conversation synchronously, in the
     * inbox's transaction, so a receipt is given only for a message that is recorded, and once per
     * message id (V93). A message that cannot be applied (a transition the request's state does not
     * allow, a document that does not read) is kept in the exchange inbox and its outcome recorded; the
     * change it would have made runs behind a savepoint, so nothing of it is half-stored.
     */
    @EventListener
    void onReceived(MessageAccepted accepted) {
        var envelope = accepted.envelope();
        if (envelope.type() == MessageType.REFUSAL) {
            refusalReceived(envelope);
            return;
        }
        if (envelope.type() == MessageType.CORRESPONDENCE) {
            letterReceived(envelope);
            return;
        }
        var side = switch (envelope.type()) {
            case ACKNOWLEDGEMENT, INFORMATION_REQUEST, CONSULTATION, DECISION, EXECUTION_RESULT -> OUTGOING;
            case INFORMATION_ANSWER, WITHDRAWAL -> INCOMING;
            case REQUEST, EVIDENCE_NOTICE, CORRESPONDENCE, RECEIPT, REFUSAL -> null; // handled elsewhere
        };
        if (side == null) {
            return;
        }
        var link = links.byConversation(envelope.conversationId(), side);
        if (link.isEmpty() || !link.get().counterpart().equals(envelope.sender().value())) {
            if (INCOMING.equals(side) && registrationPending(envelope)) {
                // The request of this conversation is in the inbox and its registration has not run
                // yet (it runs after the inbox's commit): refuse the delivery as a whole, so the sender
                // retries and finds the request registered.
                throw new Conflict("registration-pending", "the request of this conversation is being registered");
            }
            refuse(envelope, "request-not-registered");
            return;
        }
        var requestId = link.get().requestId();
        if (links.messageRecorded(envelope.messageId())) {
            return;
        }
        var now = clock.instant();
        Command command;
        try {
            command = command(envelope);
        } catch (RuntimeException e) {
            log.warn(
                    "{} message {}: not a document version {}",
                    envelope.type().code(),
                    envelope.messageId(),
                    DOCUMENT_VERSION);
            links.recordMessage(envelope.messageId(), requestId, envelope.type().code(), "malformed-document", now);
            return;
        }
        try {
            savepoint.executeWithoutResult(status -> {
                casework.recordFromCounterpart(requestId, command, envelope.pairingToken());
                if (command instanceof Command.RecordAcknowledgement ack) {
                    links.acknowledged(requestId, envelope.messageId(), ack.reference());
                }
                links.recordMessage(
                        envelope.messageId(), requestId, envelope.type().code(), "recorded", now);
            });
        } catch (Conflict e) {
            if ("stale-version".equals(e.rule())) {
                // Someone changed the request at the same moment: refuse the delivery as a whole (the
                // inbox stores nothing), so the sender retries and the step is recorded then.
                throw e;
            }
            notApplied(envelope, requestId, e.rule(), now);
        } catch (InvalidInput e) {
            notApplied(envelope, requestId, e.violations().getFirst().rule(), now);
        }
    }

    private void notApplied(Envelope envelope, UUID requestId, String rule, Instant now) {
        log.warn("{} message {} not applied to its request: {}", envelope.type().code(), envelope.messageId(), rule);
        links.recordMessage(envelope.messageId(), requestId, envelope.type().code(), rule, now);
    }

    /** The command a lifecycle message's document (version 1) asks this node to record. */
    Command command(Envelope envelope) {
        var document = json.readTree(envelope.payload());
        if (document.path("v").asInt() != DOCUMENT_VERSION) {
            throw new IllegalArgumentException("unknown document version");
        }
        return switch (envelope.type()) {
            case ACKNOWLEDGEMENT -> {
                var reference = document.path("reference").asString();
                if (!REFERENCE.matcher(reference).matches()) {
                    throw new IllegalArgumentException("reference");
                }
                yield new Command.RecordAcknowledgement(reference);
            }
            case INFORMATION_REQUEST -> new Command.RecordInformationRequest(text(document, "what"));
            case CONSULTATION ->
                new Command.RecordCounterpartConsultation(
                        trust.authority(envelope.sender())
                                .map(Authority::name)
                                .orElse(envelope.sender().value()),
                        text(document, "summary"));
            case DECISION ->
                new Command.RecordCounterpartDecision(json.treeToValue(document.required("decision"), Decision.class));
            case EXECUTION_RESULT ->
                new Command.RecordCounterpartExecution(
                        document.required("evidenceTransmitted").asBoolean());
            case INFORMATION_ANSWER -> new Command.ReceiveInformation(text(document, "answer"));
            case WITHDRAWAL -> new Command.Withdraw(text(document, "reason"));
            case REQUEST, EVIDENCE_NOTICE, CORRESPONDENCE, RECEIPT, REFUSAL ->
                throw new IllegalArgumentException("not a lifecycle step");
        };
    }

    /** Longest text a lifecycle document may carry in one member. */
    static final int MAX_TEXT = 20_000;

    /** Text a person typed on the other node: present and bounded. */
    private static String text(JsonNode document, String member) {
        var node = document.required(member);
        if (!node.isString() || node.asString().isBlank() || node.asString().length() > MAX_TEXT) {
            throw new IllegalArgumentException(member);
        }
        return node.asString();
    }

    /**
     * Runs in the transaction of each change of a request exchanged with another node: what the
     * counterpart must hear of it goes to the outbox with the change. A change a counterpart's message
     * caused is not echoed back.
     */
    @EventListener
    void onChanged(RequestChanged changed) {
        if (Casework.EXCHANGE.username().equals(changed.actor())) {
            return;
        }
        // Most changes (a create, a registration, a review started) tell the counterpart nothing in
        // either direction: they need not look for a link, a query on every create (issue 18).
        var asRequested = steps(changed.change(), true);
        var asRequesting = steps(changed.change(), false);
        if (asRequested.isEmpty() && asRequesting.isEmpty()) {
            return;
        }
        var request = changed.change().request();
        var link = links.byRequest(request.id());
        if (link.isEmpty()) {
            return;
        }
        var incoming = INCOMING.equals(link.get().direction());
        for (var step : incoming ? asRequested : asRequesting) {
            exchange.send(
                    new OutgoingMessage(
                            link.get().conversationId(),
                            step.type(),
                            new AuthorityId(link.get().counterpart()),
                            null,
                            false,
                            json.writeValueAsString(step.document()),
                            // The token this side's log entry of the step already carries (Casework#pairing).
                            PAIRED_STEPS.contains(step.type()) ? changed.pairing() : null),
                    changed.actor());
        }
    }

    private record Step(MessageType type, Map<String, Object> document) {}

    /** The steps both public logs record, with the token of the message that carries them. */
    private static final java.util.Set<MessageType> PAIRED_STEPS =
            java.util.EnumSet.of(MessageType.DECISION, MessageType.EXECUTION_RESULT, MessageType.WITHDRAWAL);

    /** The messages a change of ours makes: on the requested side its work, on the requesting side its answers. */
    private List<Step> steps(Request.Change change, boolean incoming) {
        var steps = new ArrayList<Step>();
        for (var action : change.actions()) {
            var kind = action.kind();
            if (incoming && kind == AuditAction.Kind.REQUESTED_INFORMATION) {
                steps.add(step(
                        MessageType.INFORMATION_REQUEST, "what", action.args().getFirst()));
            } else if (incoming
                    && kind == AuditAction.Kind.RECORDED_CONSULTATION
                    && change.request().state() instanceof RequestState.UnderReview review) {
                steps.add(step(
                        MessageType.CONSULTATION,
                        "summary",
                        review.consultations().getLast().summary()));
            } else if (!incoming && kind == AuditAction.Kind.ANSWERED_INFORMATION) {
                steps.add(step(
                        MessageType.INFORMATION_ANSWER, "answer", action.args().getFirst()));
            } else if (!incoming && kind == AuditAction.Kind.WITHDRAWN) {
                steps.add(step(MessageType.WITHDRAWAL, "reason", action.args().getFirst()));
            }
        }
        if (incoming) {
            for (var event : change.events()) {
                if (event instanceof CaseEvent.Decided decided) {
                    // Written as a Decision, so the outcome that names its type is in the document.
                    var decision = json.readTree(json.writerFor(Decision.class).writeValueAsString(decided.decision()));
                    steps.add(new Step(MessageType.DECISION, Map.of("v", DOCUMENT_VERSION, "decision", decision)));
                } else if (event instanceof CaseEvent.Executed executed) {
                    steps.add(new Step(
                            MessageType.EXECUTION_RESULT,
                            Map.of("v", DOCUMENT_VERSION, "evidenceTransmitted", executed.evidenceTransmitted())));
                }
            }
        }
        return steps;
    }

    private static Step step(MessageType type, String member, String text) {
        return new Step(type, Map.of("v", DOCUMENT_VERSION, member, text));
    }

    private void register(Envelope envelope, MessageAccepted accepted) {
        if (links.byRequestMessage(envelope.messageId()).isPresent()) {
            return;
        }
        if (links.refusal(envelope.messageId()).isPresent()) {
            return; // refused (and answered) before a crash
        }
        var sender = trust.authority(envelope.sender());
        if (sender.isEmpty()) {
            refuse(envelope, "sender-not-trusted");
            return;
        }
        Document document;
        try {
            document = readRequest(envelope.payload());
        } catch (RuntimeException e) {
            refuse(envelope, "malformed-document");
            return;
        }
        if (document.content().emergency() != envelope.emergency()) {
            // The emergency is what the receiving 24/7 point acts on at once: only a message the inbox
            // verified as co-signed by a supervisor may register one.
            refuse(envelope, "emergency-not-co-signed");
            return;
        }
        var requesting = document.content().requestingAuthority();
        if (requesting == null || !sender.get().state().equals(requesting.state())) {
            // An authority asks for its own State only: whoever holds XA's key cannot ask in QM's name.
            refuse(envelope, "requesting-state-not-sender");
            return;
        }
        List<Arrived> arrived;
        try {
            arrived = readAttachments(envelope.payload());
        } catch (AttachmentRefused e) {
            refuse(envelope, e.rule);
            return;
        }
        var request = casework.registerFromExchange(
                document.kind(), document.content(), accepted.receivedAt(), envelope.pairingToken());
        // In the registration's transaction: the request is registered with every document or not at all.
        for (int i = 0; i < arrived.size(); i++) {
            var a = arrived.get(i);
            attachments.insert(
                    new AttachmentInfo(
                            UUID.randomUUID(),
                            request.id(),
                            a.name(),
                            a.type(),
                            a.content().length,
                            a.sha256(),
                            // A microsecond apart, so they list in the order the sender attached them.
                            accepted.receivedAt().plusNanos(1000L * i),
                            Casework.EXCHANGE.username()),
                    a.content());
        }
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

    /** A rule a refusal may name: a code, never text. */
    private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9-]{1,63}");

    /**
     * Refuses a message this node will not register or record: audited once with its rule (V94) and,
     * when its sender can still be written to (trusted, with a current encryption key), answered with
     * a {@code refusal} message in the same conversation naming the message and the rule. A refusal is
     * never answered with a refusal.
     */
    private void refuse(Envelope envelope, String rule) {
        if (links.refusal(envelope.messageId()).isPresent()) {
            return; // refused and answered when it was first handled
        }
        log.warn("{} message {} refused: {}", envelope.type().code(), envelope.messageId(), rule);
        UUID answer = null;
        if (!"sender-not-trusted".equals(rule) && envelope.type() != MessageType.REFUSAL) {
            try {
                answer = savepoint.execute(status -> exchange.send(
                                new OutgoingMessage(
                                        envelope.conversationId(),
                                        MessageType.REFUSAL,
                                        envelope.sender(),
                                        null,
                                        false,
                                        json.writeValueAsString(Map.of(
                                                "v",
                                                DOCUMENT_VERSION,
                                                "refused",
                                                envelope.messageId().toString(),
                                                "rule",
                                                rule))),
                                Casework.EXCHANGE.username())
                        .messageId());
            } catch (RuntimeException e) {
                // The sender cannot be written to (no current encryption key): the refusal is audited all
                // the same, unanswered.
                log.warn("Refusal of message {} could not be sent to {}", envelope.messageId(), envelope.sender());
            }
        }
        links.refused(new JdbcExchangeLinks.Refusal(
                envelope.messageId(),
                envelope.conversationId(),
                envelope.sender().value(),
                envelope.type().code(),
                rule,
                answer,
                clock.instant()));
    }

    /** Whether the inbox holds this conversation's request from the sender, neither registered nor refused. */
    private boolean registrationPending(Envelope envelope) {
        return exchange.received(envelope.conversationId()).stream()
                .map(ReceivedMessage::envelope)
                .filter(e -> e.type() == MessageType.REQUEST && e.sender().equals(envelope.sender()))
                .anyMatch(e -> links.byRequestMessage(e.messageId()).isEmpty()
                        && links.refusal(e.messageId()).isEmpty());
    }

    /**
     * The other node refused a message of ours: recorded on the request of the conversation (its
     * exchange shows the refusal with the rule), or, for a conversation we hold no request of, audited as
     * a refusal of ours.
     */
    private void refusalReceived(Envelope envelope) {
        if (links.messageRecorded(envelope.messageId())) {
            return;
        }
        var link = links.byConversation(envelope.conversationId())
                .filter(l -> l.counterpart().equals(envelope.sender().value()));
        if (link.isEmpty()) {
            refuse(envelope, "request-not-registered");
            return;
        }
        String rule;
        try {
            var document = json.readTree(envelope.payload());
            rule = document.path("rule").asString();
            if (document.path("v").asInt() != DOCUMENT_VERSION
                    || !RULE.matcher(rule).matches()) {
                rule = "malformed-document";
            }
        } catch (RuntimeException e) {
            rule = "malformed-document";
        }
        log.warn("Message refused by {} in conversation {}: {}", envelope.sender(), envelope.conversationId(), rule);
        links.recordMessage(
                envelope.messageId(), link.get().requestId(), envelope.type().code(), rule, clock.instant());
    }

    /**
     * A letter from the counterpart, on either side of a request: kept on the request of its conversation
     * once per message id, in the inbox's transaction; a document that does not read is recorded as such.
     */
    private void letterReceived(Envelope envelope) {
        if (links.messageRecorded(envelope.messageId())) {
            return;
        }
        var link = links.byConversation(envelope.conversationId())
                .filter(l -> l.counterpart().equals(envelope.sender().value()));
        if (link.isEmpty()) {
            refuse(envelope, "request-not-registered");
            return;
        }
        var requestId = link.get().requestId();
        var now = clock.instant();
        String body;
        try {
            var document = json.readTree(envelope.payload());
            if (document.path("v").asInt() != DOCUMENT_VERSION) {
                throw new IllegalArgumentException("unknown document version");
            }
            body = text(document, "text");
        } catch (RuntimeException e) {
            links.recordMessage(envelope.messageId(), requestId, envelope.type().code(), "malformed-document", now);
            return;
        }
        letters.store(new org.comity.casework.domain.CounterpartLetter(
                envelope.messageId(),
                requestId,
                org.comity.casework.domain.CounterpartLetter.Way.RECEIVED,
                null,
                envelope.sender().value(),
                body,
                now));
        links.recordMessage(envelope.messageId(), requestId, envelope.type().code(), "recorded", now);
    }

    /**
     * The request document: {@code {"v": 1, "kind": <code>, "content": <the request's content>}}, and,
     * when the request has documents, {@code "attachments": [{"name", "type", "size", "sha256",
     * "content"}]} (content in base64), in the order they were attached. Throws {@link InvalidInput}
     * when they exceed what may travel.
     */
    String requestDocument(Request request) {
        var document = json.createObjectNode();
        document.put("v", DOCUMENT_VERSION);
        document.put("kind", request.kind().code());
        document.set("content", json.valueToTree(request.content()));
        var attached = attachments.list(request.id());
        if (!attached.isEmpty()) {
            var problems = bounds.check(
                    attached.stream().map(AttachmentInfo::sizeBytes).toList());
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
            var list = document.putArray("attachments");
            for (var info : attached) {
                list.addObject()
                        .put("name", info.fileName())
                        .put("type", info.contentType())
                        .put("size", info.sizeBytes())
                        .put("sha256", info.sha256())
                        .put("content", java.util.Base64.getEncoder().encodeToString(attachments.content(info.id())));
            }
        }
        var written = json.writeValueAsString(document);
        var tooLarge = bounds.checkPayload(written.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        if (!tooLarge.isEmpty()) {
            throw new InvalidInput(tooLarge);
        }
        return written;
    }

    /** A document as it arrived, verified. */
    record Arrived(String name, String type, String sha256, byte[] content) {}

    private static final class AttachmentRefused extends RuntimeException {
        final String rule;

        AttachmentRefused(String rule) {
            super(rule, null, false, false);
            this.rule = rule;
        }
    }

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * The documents of a request message, each checked against the size and SHA-256 the signed payload
     * names for it and against this node's own bounds and upload policy; the first broken rule refuses
     * the whole request.
     */
    List<Arrived> readAttachments(String payload) {
        var list = json.readTree(payload).path("attachments");
        if (list.isMissingNode()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new AttachmentRefused("attachment-malformed");
        }
        var sizes = new ArrayList<Long>();
        for (var item : list) {
            if (!item.path("size").isIntegralNumber()) {
                throw new AttachmentRefused("attachment-malformed");
            }
            sizes.add(item.path("size").asLong());
        }
        var bounded = bounds.check(sizes);
        if (!bounded.isEmpty()) {
            throw new AttachmentRefused(bounded.getFirst().rule());
        }
        var arrived = new ArrayList<Arrived>();
        for (var item : list) {
            var name = item.path("name");
            var type = item.path("type");
            var sha256 = item.path("sha256");
            var content = item.path("content");
            if (!name.isString()
                    || !type.isString()
                    || !sha256.isString()
                    || !content.isString()
                    || !SHA256_HEX.matcher(sha256.asString()).matches()) {
                throw new AttachmentRefused("attachment-malformed");
            }
            byte[] bytes;
            try {
                bytes = java.util.Base64.getDecoder().decode(content.asString());
            } catch (IllegalArgumentException e) {
                throw new AttachmentRefused("attachment-malformed");
            }
            if (bytes.length != item.path("size").asLong()) {
                throw new AttachmentRefused("attachment-size-mismatch");
            }
            var digest = java.util.HexFormat.of().formatHex(org.comity.shared.Sha256.of(bytes));
            if (!java.security.MessageDigest.isEqual(
                    digest.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    sha256.asString().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new AttachmentRefused("attachment-digest-mismatch");
            }
            var policy = org.comity.casework.domain.AttachmentPolicy.check(
                    name.asString(), type.asString(), bytes, maxUploadBytes);
            if (!policy.isEmpty()) {
                throw new AttachmentRefused(policy.getFirst().rule());
            }
            arrived.add(new Arrived(
                    name.asString().strip(),
                    type.asString()
                            .toLowerCase(java.util.Locale.ROOT)
                            .split(";")[0]
                            .strip(),
                    digest,
                    bytes));
        }
        return arrived;
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
