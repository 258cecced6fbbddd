package org.comity.exchange;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message this node's inbox refused, or a delivery of one of its messages that failed, as audited
 * (closed codes only).
 *
 * @param channel {@code inbox} (received here) or {@code outbox} (sent from here)
 * @param action {@code message-receive}, {@code message-delivery} or {@code receipt-verify}
 * @param outcome the refusing step ({@code key-revoked}, …), {@code gave-up} or {@code receive-failed}
 * @param subject for the inbox the SHA-256 of the bytes received (the sender is not known before the
 *     message verifies), for the outbox the message id
 * @param conversation, recipient, type the sent message's, for the outbox; null for the inbox
 */
public record MessageProblem(
        Instant at,
        String channel,
        String action,
        String outcome,
        String subject,
        @Nullable UUID conversation,
        @Nullable String recipient,
        @Nullable String type) {}
