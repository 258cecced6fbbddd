package org.comity.casework;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.casework.domain.AuditAction;
import org.jspecify.annotations.Nullable;

/**
 * One line of a request's audit trail: who did what, when, from which version and state to which.
 * {@code action} is the English sentence; {@code actions} says the same as codes with arguments and
 * {@code assessmentFailed} whether the version went unassessed, both null on lines stored before
 * codes existed (and on a line whose code this version does not know). {@code reference} is the
 * request's human reference, the subject of the line as people name it.
 */
public record AuditEntry(
        long id,
        UUID requestId,
        @Nullable String reference,
        Instant at,
        String actor,
        String action,
        long fromVersion,
        long toVersion,
        @Nullable String fromState,
        String toState,
        @Nullable List<AuditAction> actions,
        @Nullable Boolean assessmentFailed) {}
