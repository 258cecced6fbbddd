package org.comity.exchange;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a caller sends; the exchange adds the message id, sender, sequence, pairing token and times.
 *
 * @param expires when the recipient must stop accepting it; null: {@code comity.exchange.messages.validity}
 * @param payload a JSON object, as text
 * @param pairingToken the token both public logs record for this message's request, when the caller
 *     chose it (casework logs it before sending); null: a fresh random one
 */
public record OutgoingMessage(
        UUID conversationId,
        MessageType type,
        AuthorityId recipient,
        @Nullable Instant expires,
        boolean emergency,
        String payload,
        @Nullable String pairingToken) {

    /** A message whose pairing token the exchange chooses. */
    public OutgoingMessage(
            UUID conversationId,
            MessageType type,
            AuthorityId recipient,
            @Nullable Instant expires,
            boolean emergency,
            String payload) {
        this(conversationId, type, recipient, expires, emergency, payload, null);
    }

    public OutgoingMessage {
        if (conversationId == null || type == null || recipient == null || payload == null) {
            throw new IllegalArgumentException("a message names its conversation, type, recipient and payload");
        }
        if (emergency && type != MessageType.REQUEST) {
            throw new IllegalArgumentException("only a request can be an emergency");
        }
    }
}
