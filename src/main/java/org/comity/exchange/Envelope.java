package org.comity.exchange;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One message between two authorities as both sides read it after verification: who sent it to whom,
 * in which conversation (the request on both sides) and in what order, until when it may be accepted,
 * and its payload. Times are whole seconds, as they travel.
 *
 * @param sequence the sender's count of messages in this conversation to this recipient, from 1
 * @param pairingToken a random token both public logs record, so "sent" in one can be matched with
 *     "received" in the other
 * @param emergency an emergency request, which carries a supervisor's signature besides the authority's
 * @param payload a JSON object, as text
 */
public record Envelope(
        UUID messageId,
        UUID conversationId,
        MessageType type,
        AuthorityId sender,
        AuthorityId recipient,
        Instant created,
        Instant expires,
        long sequence,
        String pairingToken,
        boolean emergency,
        String payload) {

    public Envelope {
        if (messageId == null || conversationId == null || type == null || sender == null || recipient == null) {
            throw new IllegalArgumentException("a message names its id, conversation, type, sender and recipient");
        }
        if (created == null || expires == null) {
            throw new IllegalArgumentException("a message has a creation time and an expiry");
        }
        created = created.truncatedTo(ChronoUnit.SECONDS);
        expires = expires.truncatedTo(ChronoUnit.SECONDS);
        if (!created.isBefore(expires)) {
            throw new IllegalArgumentException("a message expires after it is created");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("a message's sequence starts at 1");
        }
        if (pairingToken == null || !pairingToken.matches("[A-Za-z0-9_-]{22,86}")) {
            throw new IllegalArgumentException("a pairing token is 22 to 86 base64url characters");
        }
        if (emergency && type != MessageType.REQUEST) {
            throw new IllegalArgumentException("only a request can be an emergency");
        }
        if (payload == null || !payload.startsWith("{")) {
            throw new IllegalArgumentException("a message's payload is a JSON object");
        }
    }

    /** The same message with the payload the inbox keeps ({@link PayloadAtRest}). */
    public Envelope withPayload(String kept) {
        return new Envelope(
                messageId,
                conversationId,
                type,
                sender,
                recipient,
                created,
                expires,
                sequence,
                pairingToken,
                emergency,
                kept);
    }
}
