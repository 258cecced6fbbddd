package org.comity.exchange;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One sent message and what became of it, hop by hop.
 *
 * @param lastError the code of the last failed attempt or of the refusal ({@code unreachable}, {@code
 *     http-503}, {@code bad-receipt}, or the receiver's step such as {@code key-revoked})
 * @param receipt the receiver's signed receipt (compact JWS), verified before it was stored
 */
public record Delivery(
        UUID messageId,
        UUID conversationId,
        MessageType type,
        AuthorityId recipient,
        long sequence,
        boolean emergency,
        String pairingToken,
        String digest,
        Instant created,
        Instant expires,
        DeliveryStatus status,
        int attempts,
        @Nullable Instant nextAttemptAt,
        Instant giveUpAt,
        @Nullable String lastError,
        @Nullable Instant deliveredAt,
        @Nullable String receipt,
        List<Evidence> evidence) {

    /**
     * One hop: {@code submitted}, {@code attempt-failed}, {@code delivered}, {@code failed} or {@code
     * retry-requested}, with its code.
     */
    public record Evidence(
            Instant at, String event, @Nullable String detail, String actor) {}
}
