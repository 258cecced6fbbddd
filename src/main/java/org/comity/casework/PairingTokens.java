package org.comity.casework;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.comity.casework.persistence.JdbcExchangeLinks;
import org.comity.exchange.CoSignatures;
import org.springframework.stereotype.Component;

/**
 * The pairing token of a request sent to another node: chosen when the request is sent, before its
 * {@code request-sent} entry is logged, so the entry and the message carry the same one. Random (32
 * bytes, base64url: 43 characters, as the exchange's own tokens), so it cannot be guessed from the request, links nothing but the
 * two sides' entries of one request, and is no text a person typed.
 */
@Component
class PairingTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ExchangeRoute route;
    private final CoSignatures coSignatures;
    private final JdbcExchangeLinks links;

    PairingTokens(ExchangeRoute route, CoSignatures coSignatures, JdbcExchangeLinks links) {
        this.route = route;
        this.coSignatures = coSignatures;
        this.links = links;
    }

    /**
     * A fresh token if the request will leave as an exchange message ({@link ExchangeRoute}, which
     * {@link CaseExchange#onSubmitted} sends by), else empty: a request on paper is registered by hand on
     * the other side, whose entry cannot carry it. An emergency request carries the token of the message
     * its supervisor co-signed, fixed when it was prepared.
     */
    Optional<String> forSending(RequestFacts facts) {
        if (route.recipient(facts).isEmpty()) {
            return Optional.empty();
        }
        if (facts.emergency()) {
            return coSignatures.unsent(facts.requestId().toString()).map(CoSignatures.PreparedMessage::pairingToken);
        }
        return Optional.of(token());
    }

    /**
     * A fresh token for a later step of a request that travelled (a decision or execution on the
     * requested side, a withdrawal on the requesting side), if the request is linked to a conversation on
     * that side: then {@link CaseExchange#onChanged} sends the step in a message carrying the token, and
     * the counterpart's entry of the step carries it too. A request handled on paper gets none.
     *
     * @param incoming whether the step is the requested side's
     */
    Optional<String> forStep(UUID requestId, boolean incoming) {
        var side = incoming ? "INCOMING" : "OUTGOING";
        return links.byRequest(requestId)
                .filter(link -> side.equals(link.direction()))
                .map(link -> token());
    }

    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
