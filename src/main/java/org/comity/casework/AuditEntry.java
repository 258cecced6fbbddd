package org.comity.casework;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One line of a request's audit trail: who did what, when, from which version and state to which. */
public record AuditEntry(
        long id,
        UUID requestId,
        Instant at,
        String actor,
        String action,
        long fromVersion,
        long toVersion,
        @Nullable String fromState,
        String toState) {}
