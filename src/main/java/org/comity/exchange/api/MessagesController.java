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
    private static final String BATCH = "application/comity-messages+json";
    private static final tools.jackson.databind.json.JsonMapper BATCH_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
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

    /**
     * A batch (docs/exchange.md, "Batches"): {@code {"messages": [<compact JWE>, …]}}, 1 to 64, the
     * whole body within the inbox's bound. Each message goes through {@link MessageExchange#receive} on
     * its own — every step, its own transaction and audit — exactly as if posted alone, and its answer
     * is in {@code results} at the same index: what the single inbox would have answered it.
     */
    @PostMapping(value = "/inbox", consumes = BATCH, produces = "application/json")
    @Operation(
            summary = "Deliver several messages in one request (other nodes; no sign-in)",
            description = "{\"messages\": [<compact JWE>, …]} (1–64). Answers 200 with {\"results\": […]} in the"
                    + " same order, each {\"status\": 200, \"receipt\"} or the status and errors the single inbox"
                    + " would have answered that message. A batch that is not of this form is refused as a whole"
                    + " (422 messages/malformed-batch, 413 too large); nothing of it is received.")
    BatchResults inboxBatch(HttpServletRequest request) throws IOException {
        // Authorisation is each message's own signature, checked step by step in MessageExchange.receive.
        if (request.getContentLengthLong() > maxBytes) {
            throw batchTooLarge();
        }
        byte[] body = request.getInputStream().readNBytes(maxBytes + 1);
        if (body.length > maxBytes) {
            throw batchTooLarge();
        }
        var messages = batch(body);
        var results = new java.util.ArrayList<BatchResult>(messages.size());
        for (var message : messages) {
            results.add(answer(message));
        }
        return new BatchResults(results);
    }

    /** What the single inbox would have answered this message, as a batch result. */
    private BatchResult answer(byte[] message) {
        try {
            return new BatchResult(200, exchange.receive(message), null);
        } catch (MessageRefused refused) {
            if (refused instanceof MessageRefused.TooLarge) {
                return new BatchResult(413, null, refused.violations());
            }
            return new BatchResult(422, null, refused.violations());
        } catch (org.comity.shared.Conflict conflict) {
            // Not a refusal (casework: the request is being registered, changed at the same moment):
            // retried by the sender, as the single inbox's 409.
            return new BatchResult(
                    409, null, List.of(new org.comity.shared.Violation("message", conflict.rule(), "try again")));
        } catch (RuntimeException failed) {
            // Audited by receive (receive-failed); the sender retries, as after the single inbox's 500.
            return new BatchResult(500, null, null);
        }
    }

    /** The batch's messages, each as the bytes the single inbox would have read; refused as a whole if malformed. */
    private static List<byte[]> batch(byte[] body) {
        tools.jackson.databind.JsonNode document;
        try {
            document = BATCH_JSON.readTree(body);
        } catch (RuntimeException e) {
            throw malformedBatch("not JSON");
        }
        if (document == null
                || !document.isObject()
                || document.size() != 1
                || !document.path("messages").isArray()) {
            throw malformedBatch("an object with one member, messages, a list");
        }
        var list = document.path("messages");
        if (list.isEmpty() || list.size() > org.comity.exchange.ExchangeProperties.MAX_BATCH) {
            throw malformedBatch("1 to " + org.comity.exchange.ExchangeProperties.MAX_BATCH + " messages");
        }
        var messages = new java.util.ArrayList<byte[]>(list.size());
        for (var message : list) {
            if (!message.isString()) {
                throw malformedBatch("each message a string (a compact JWE)");
            }
            // Any other character is refused by the message's own step 2 (ASCII, base64url parts).
            messages.add(message.asString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return messages;
    }

    private static InvalidInput malformedBatch(String expected) {
        return InvalidInput.of("messages", "malformed-batch", "a batch is " + expected);
    }

    private ErrorResponseException batchTooLarge() {
        var tooLarge = new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE);
        tooLarge.setDetail("a batch is at most " + maxBytes + " bytes (comity.exchange.messages.max-bytes)");
        // Named for the sender, which then sends batches within it (docs/exchange.md, "Batches").
        tooLarge.getBody().setProperty("rule", "batch-too-large");
        tooLarge.getBody().setProperty("maxBytes", (long) maxBytes);
        return tooLarge;
    }

    /** The answers to a batch, one per message in its order. */
    record BatchResults(List<BatchResult> results) {}

    /**
     * One message's answer: {@code status} as the single inbox's HTTP status, the receipt when 200, the
     * errors (field, rule, message) of a refusal.
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record BatchResult(
            int status,
            @org.jspecify.annotations.Nullable String receipt,
            @org.jspecify.annotations.Nullable List<org.comity.shared.Violation> errors) {}

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
