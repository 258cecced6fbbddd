package org.comity.casework.domain;

import java.time.Instant;

/**
 * What a transition of one request announces. The facade turns these into the module's public events,
 * adding what other modules need to know about the request (States, kind, legal basis).
 */
public sealed interface CaseEvent {

    record Submitted(Instant at) implements CaseEvent {}

    record Received(Instant at) implements CaseEvent {}

    record Decided(Decision decision, String decidedBy, String approvedBy, Instant at) implements CaseEvent {}

    record Executed(boolean evidenceTransmitted, Instant at) implements CaseEvent {}

    /**
     * The requested State decided one of our requests, as it told us (by a message, or on paper and
     * recorded by hand): our public log records the outcome we were told, beside the one its log shows.
     */
    record CounterpartDecided(Decision decision, Instant at) implements CaseEvent {}

    /** The requested State executed one of our requests, as it told us. */
    record CounterpartExecuted(boolean evidenceTransmitted, Instant at) implements CaseEvent {}

    record Closed(Instant at) implements CaseEvent {}

    record Withdrawn(String fromState, Instant at) implements CaseEvent {}

    record DeadlineMissed(Instant dueAt, Instant detectedAt) implements CaseEvent {}

    record PreservationExpiring(Instant expiresAt, Instant detectedAt) implements CaseEvent {}
}
