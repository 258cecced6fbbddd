package org.comity.casework;

import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestState;
import org.comity.exchange.CoSignatures;
import org.comity.exchange.MessageType;
import org.comity.exchange.OutgoingMessage;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
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
     * The message prepared for this request that {@code username} may still co-sign: prepared, not yet
     * co-signed, and carrying the request's document as it is now (a change since makes it stale: prepare
     * again). Nothing is prepared or written.
     *
     * @throws org.comity.shared.NotFound if {@code username} has no supervisor key valid now
     */
    public Optional<CoSignatures.SigningInput> prepared(UUID requestId, String username) {
        var request = awaitingApproval(requestId);
        var document = exchange.requestDocument(request);
        return coSignatures
                .unsent(requestId.toString())
                .filter(p -> !p.coSigned() && p.payload().equals(document))
                .map(p -> coSignatures.signingInput(p.messageId(), username));
    }

    /**
     * Records the supervisor's co-signature, checked with their own key, and approves sending in the
     * same transaction: the request leaves with both signatures, or nothing is stored. Every missing or
     * malformed field is listed at once before anything is looked up.
     *
     * @param channel where the supervisor acted, for the audit: {@code api} or {@code console}
     */
    @Transactional
    public Request coSignAndApprove(
            UUID requestId,
            @Nullable UUID messageId,
            @Nullable String keyId,
            @Nullable String signature,
            @Nullable Long expectedVersion,
            String username,
            String channel) {
        var problems = new ArrayList<Violation>();
        if (messageId == null) {
            problems.add(new Violation("messageId", "required", "the message id of the signing input"));
        }
        if (keyId == null || keyId.isBlank()) {
            problems.add(new Violation("keyId", "required", "the id of the key you signed with"));
        }
        if (signature == null || !SIGNATURE.matcher(signature.strip()).matches()) {
            problems.add(new Violation(
                    "signature", "signature-syntax", "an ES256 signature: 64 bytes, base64url (86 characters)"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        awaitingApproval(requestId);
        var prepared = coSignatures
                .unsent(requestId.toString())
                .filter(p -> p.messageId().equals(messageId))
                .orElseThrow(() -> new Conflict(
                        "prepared-message-stale", "this is not the request's message to sign now; ask again"));
        coSignatures.coSign(prepared.messageId(), username, keyId.strip(), signature.strip(), channel);
        return casework.approveSending(requestId, expectedVersion, username);
    }

    private static final java.util.regex.Pattern SIGNATURE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{86}");

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
