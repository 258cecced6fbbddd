package org.comity.casework;

import java.util.Optional;
import java.util.UUID;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.springframework.stereotype.Component;

/**
 * Which exchange conversation a request travels in, for modules that send or receive on its behalf
 * (evidence sends its packages in the request's conversation). Ids only; no visibility rule applies,
 * so callers check the request's visibility themselves where a user asks.
 */
@Component
public class ExchangeLinks {

    /** A request's conversation with the counterpart authority; {@code incoming}: we are the requested State. */
    public record Link(UUID requestId, UUID conversationId, String counterpart, boolean incoming) {}

    private final JdbcExchangeLinks links;

    ExchangeLinks(JdbcExchangeLinks links) {
        this.links = links;
    }

    public Optional<Link> ofRequest(UUID requestId) {
        return links.byRequest(requestId).map(ExchangeLinks::of);
    }

    /** The request we sent in this conversation (the requesting side's). */
    public Optional<Link> outgoing(UUID conversationId) {
        return links.byConversation(conversationId, "OUTGOING").map(ExchangeLinks::of);
    }

    private static Link of(JdbcExchangeLinks.Link l) {
        return new Link(l.requestId(), l.conversationId(), l.counterpart(), "INCOMING".equals(l.direction()));
    }
}
