package org.comity.casework;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.exchange.Delivery;
import org.comity.exchange.DeliveryStatus;
import org.comity.exchange.MessageExchange;
import org.comity.exchange.MessageType;
import org.comity.shared.NotFound;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What travelled between this node and the counterpart's for one request: the conversation, every
 * message sent with its hops and receipt, and every message received with its receipt and what it did
 * to the request. Only for a request the reader may see (the same rule as the request itself).
 */
@Component
public class CaseConversations {

    /** A request's exchange: empty sent and received lists when it travelled on paper. */
    public record Conversation(
            @Nullable UUID conversationId,
            @Nullable String counterpart,
            @Nullable String pairingToken,
            @Nullable String counterpartReference,
            List<Delivery> sent,
            List<Received> received) {

        /** Whether any message sent is failed: the request page says why and offers a retry. */
        public boolean hasFailedDelivery() {
            return sent.stream().anyMatch(d -> d.status() == DeliveryStatus.FAILED);
        }
    }

    /**
     * A message received: its type, when, its receipt (the one this node signed and returned), and what
     * it did here ({@code recorded}, a rule that kept it from being applied, or {@code registered} for
     * the request itself).
     */
    public record Received(
            UUID messageId,
            MessageType type,
            long sequence,
            java.time.Instant receivedAt,
            String digest,
            String receipt,
            String outcome) {}

    /**
     * A message this node accepted at its inbox but would not register or record (V94), by its closed
     * rule code, with the request its conversation names here when there is one.
     *
     * @param answered whether the sender was told by a {@code refusal} message
     */
    public record RefusedMessage(
            UUID messageId,
            UUID conversationId,
            String sender,
            String type,
            String rule,
            boolean answered,
            java.time.Instant refusedAt,
            @Nullable UUID requestId) {}

    /** The messages refused here, newest first: {@code limit} (at most 1000) from {@code offset}. */
    public List<RefusedMessage> refusals(int limit, int offset) {
        return links.latestRefusals(Math.max(1, Math.min(limit, 1000)), Math.max(0, offset)).stream()
                .map(l -> new RefusedMessage(
                        l.refusal().messageId(),
                        l.refusal().conversationId(),
                        l.refusal().sender(),
                        l.refusal().type(),
                        l.refusal().rule(),
                        l.refusal().answerId() != null,
                        l.refusal().refusedAt(),
                        l.requestId()))
                .toList();
    }

    /** The request each conversation names here, for linking what the exchange audited to its request. */
    public java.util.Map<UUID, UUID> requestsOf(java.util.Collection<UUID> conversations) {
        return links.requestsOf(conversations);
    }

    private final Casework casework;
    private final JdbcExchangeLinks links;
    private final MessageExchange exchange;

    CaseConversations(Casework casework, JdbcExchangeLinks links, MessageExchange exchange) {
        this.casework = casework;
        this.links = links;
        this.exchange = exchange;
    }

    public Conversation of(UUID requestId) {
        casework.get(requestId); // 404 for a request the reader may not see
        var link = links.byRequest(requestId);
        if (link.isEmpty()) {
            return new Conversation(null, null, null, null, List.of(), List.of());
        }
        var l = link.get();
        var outcomes = links.messages(requestId);
        var received = exchange.received(l.conversationId()).stream()
                .map(m -> new Received(
                        m.envelope().messageId(),
                        m.envelope().type(),
                        m.envelope().sequence(),
                        m.receivedAt(),
                        m.digest(),
                        m.receipt(),
                        m.envelope().type() == MessageType.REQUEST
                                ? "registered"
                                : outcomes.stream()
                                        .filter(o -> o.messageId()
                                                .equals(m.envelope().messageId()))
                                        .map(JdbcExchangeLinks.RecordedMessage::outcome)
                                        .findFirst()
                                        .orElse("not-recorded")))
                .toList();
        return new Conversation(
                l.conversationId(),
                l.counterpart(),
                l.pairingToken(),
                l.counterpartReference(),
                exchange.deliveries(l.conversationId()),
                received);
    }

    /**
     * Puts a failed message of this request's conversation back in the outbox (the exchange's manual
     * retry, audited there); a message of another conversation is not found.
     */
    public void retry(UUID requestId, UUID messageId, String username) {
        var conversation = of(requestId);
        Optional<Delivery> delivery = conversation.sent().stream()
                .filter(d -> d.messageId().equals(messageId))
                .findFirst();
        if (delivery.isEmpty()) {
            throw new NotFound("message");
        }
        exchange.retry(messageId, username);
    }
}
