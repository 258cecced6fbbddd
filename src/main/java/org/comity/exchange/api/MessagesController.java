package org.comity.exchange.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import org.comity.exchange.Delivery;
import org.comity.exchange.MessageExchange;
import org.comity.exchange.MessageRefused;
import org.comity.exchange.ReceivedMessage;
import org.comity.shared.InvalidInput;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/exchange")
@Tag(
        name = "Exchange messages",
        description = "The inbox other nodes deliver to (authenticated by the message's signature), and what was"
                + " sent and received per conversation.")
class MessagesController {

    private static final String JOSE = "application/jose";
    private static final String READERS = "hasAnyRole('ADMIN', 'AUDITOR')";

    private final MessageExchange exchange;
    private final int maxBytes;

    MessagesController(MessageExchange exchange, @Value("${comity.exchange.messages.max-bytes:1048576}") int maxBytes) {
        this.exchange = exchange;
        this.maxBytes = maxBytes;
    }

    @PostMapping(value = "/inbox", consumes = JOSE, produces = JOSE)
    @Operation(
            summary = "Deliver a message (other nodes; no sign-in: the message's signature authenticates it)",
            description = "A compact JWE (docs/exchange.md). Answers 200 with the signed receipt, the same receipt"
                    + " for the same message again; a refused message is a 422 whose errors[].rule is the"
                    + " verification step (413 when too large). Every refusal is audited; nothing is stored.")
    String inbox(HttpServletRequest request) throws IOException {
        // Authorisation is the message's own signature, checked step by step in MessageExchange.receive.
        byte[] body;
        if (request.getContentLengthLong() > maxBytes) {
            body = new byte[maxBytes + 1];
        } else {
            body = request.getInputStream().readNBytes(maxBytes + 1);
        }
        try {
            return exchange.receive(body);
        } catch (MessageRefused refused) {
            if (refused instanceof MessageRefused.TooLarge) {
                var tooLarge = new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE);
                tooLarge.setDetail(refused.getMessage());
                throw tooLarge;
            }
            throw new InvalidInput(refused.violations());
        }
    }

    @GetMapping("/conversations/{conversation}/deliveries")
    @PreAuthorize(READERS)
    @Operation(
            summary = "Messages sent in a conversation with their per-hop evidence (administrators, auditors)",
            description = "Status pending, delivered (with the receiver's verified signed receipt) or failed (with"
                    + " the code: gave-up after the last error, or the receiver's refusal step).")
    List<Delivery> deliveries(@PathVariable UUID conversation) {
        return exchange.deliveries(conversation);
    }

    @GetMapping("/conversations/{conversation}/received")
    @PreAuthorize(READERS)
    @Operation(summary = "Messages received in a conversation, each once, with its receipt (administrators, auditors)")
    List<ReceivedMessage> received(@PathVariable UUID conversation) {
        return exchange.received(conversation);
    }

    @PostMapping("/outbox/{messageId}/retries")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Retry a failed delivery now (administrators); audited",
            description = "409 delivery-not-failed if it is pending or delivered, 409 message-expired if it expired.")
    void retry(@PathVariable UUID messageId, Principal principal) {
        exchange.retry(messageId, principal.getName());
    }
}
