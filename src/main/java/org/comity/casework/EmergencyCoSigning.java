package org.comity.casework;

import java.util.UUID;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestState;
import org.comity.exchange.CoSignatures;
import org.comity.exchange.MessageType;
import org.comity.exchange.OutgoingMessage;
import org.comity.shared.Conflict;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An emergency request to another node leaves only co-signed by a supervisor, with a key of their own
 * that this node's card publishes and whose private part never reaches the node (docs/exchange.md,
 * "Emergency requests: the supervisor's co-signature"). The supervisor asks for what to sign — the
 * message is prepared then, its envelope fixed — signs it on their own device, and posts the signature
 * with their approval: one step, so the co-signer is the second approver.
 */
@Component
public class EmergencyCoSigning {

    private final Casework casework;
    private final CaseExchange exchange;
    private final ExchangeRoute route;
    private final CoSignatures coSignatures;

    EmergencyCoSigning(Casework casework, CaseExchange exchange, ExchangeRoute route, CoSignatures coSignatures) {
        this.casework = casework;
        this.exchange = exchange;
        this.route = route;
        this.coSignatures = coSignatures;
    }

    /**
     * What {@code username} signs for this request: the prepared message (prepared now, or again if the
     * request changed since), with their newest key.
     *
     * @throws Conflict {@code not-awaiting-send-approval}, {@code not-an-emergency-by-exchange}
     */
    @Transactional
    public CoSignatures.SigningInput signingInput(UUID requestId, String username) {
        var request = awaitingApproval(requestId);
        var recipient = route.recipient(RequestFacts.of(request))
                .orElseThrow(() -> new Conflict(
                        "not-an-emergency-by-exchange", "the requested State is not reached by the exchange"));
        var document = exchange.requestDocument(request);
        var prepared = coSignatures
                .unsent(requestId.toString())
                .filter(p -> !p.coSigned()
                        && p.payload().equals(document)
                        && p.recipient().equals(recipient))
                .orElseGet(() -> coSignatures.prepare(
                        new OutgoingMessage(
                                UUID.randomUUID(), MessageType.REQUEST, recipient, null, true, document, null),
                        requestId.toString(),
                        username));
        return coSignatures.signingInput(prepared.messageId(), username);
    }

    /**
     * Records the supervisor's co-signature, checked with their own key, and approves sending in the
     * same transaction: the request leaves with both signatures, or nothing is stored.
     */
    @Transactional
    public Request coSignAndApprove(
            UUID requestId,
            UUID messageId,
            String keyId,
            String signature,
            @Nullable Long expectedVersion,
            String username) {
        awaitingApproval(requestId);
        var prepared = coSignatures
                .unsent(requestId.toString())
                .filter(p -> p.messageId().equals(messageId))
                .orElseThrow(() -> new Conflict(
                        "prepared-message-stale", "this is not the request's message to sign now; ask again"));
        coSignatures.coSign(prepared.messageId(), username, keyId, signature);
        return casework.approveSending(requestId, expectedVersion, username);
    }

    private Request awaitingApproval(UUID requestId) {
        var request = casework.get(requestId);
        if (!(request.state() instanceof RequestState.AwaitingSendApproval)) {
            throw new Conflict("not-awaiting-send-approval", "only a request awaiting send approval is co-signed");
        }
        if (!request.content().emergency()) {
            throw new Conflict("not-an-emergency-by-exchange", "only an emergency request is co-signed");
        }
        return request;
    }
}
