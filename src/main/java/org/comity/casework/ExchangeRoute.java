package org.comity.casework;

import java.util.Optional;
import org.comity.exchange.AuthorityId;
import org.comity.exchange.TrustDirectory;
import org.springframework.stereotype.Component;

/**
 * Whether a request leaves by the exchange, and to whom: an outgoing request to a State whose authority
 * the trust directory (or a pin) knows, with a current encryption key. Every other request goes on
 * paper. One rule, asked by the pairing token (before the {@code request-sent} entry is logged) and by
 * the sending itself, so the entry carries a token exactly when a message carries it too. An emergency
 * request goes by the exchange as well, but only co-signed by a supervisor ({@link EmergencyCoSigning}).
 */
@Component
class ExchangeRoute {

    private final TrustDirectory trust;

    ExchangeRoute(TrustDirectory trust) {
        this.trust = trust;
    }

    Optional<AuthorityId> recipient(RequestFacts facts) {
        if (!"outgoing".equals(facts.direction()) || facts.requestedState() == null) {
            return Optional.empty();
        }
        return trust.recipientIn(facts.requestedState());
    }
}
