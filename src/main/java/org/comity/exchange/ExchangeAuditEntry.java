package org.comity.exchange;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to change what the node trusts or signs with.
 *
 * @param outcome {@code accepted}, or the step that refused (docs/exchange.md)
 */
public record ExchangeAuditEntry(
        Instant at,
        String actor,
        String channel,
        String action,
        String outcome,
        @Nullable String subject) {}
