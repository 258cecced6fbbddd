package org.comity.casework;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
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

    PairingTokens(ExchangeRoute route, CoSignatures coSignatures) {
        this.route = route;
        this.coSignatures = coSignatures;
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

    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
