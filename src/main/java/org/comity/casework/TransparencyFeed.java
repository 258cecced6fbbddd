package org.comity.casework;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.comity.casework.persistence.JdbcRequests;
import org.comity.shared.CountryCode;
import org.comity.transparency.EventType;
import org.comity.transparency.LogEvent;
import org.comity.transparency.Outcome;
import org.comity.transparency.PublicMetadata;
import org.comity.transparency.TransparencyLog;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Puts every request sent, received, decided, executed or withdrawn on the public log. It runs after
 * the casework transaction commits; the event publication registry re-delivers an event whose
 * listener failed, and appending is idempotent on the event id, so an event is logged exactly once.
 * Only codes reach the log; the request itself is committed to, through the record frozen when the
 * change happened.
 */
@Component
class TransparencyFeed {

    /** ISO 3166-1 reserves ZZ for an unknown State: a request registered from paper may not say. */
    static final CountryCode UNKNOWN_STATE = CountryCode.of("ZZ");

    private final TransparencyLog log;
    private final JdbcRequests store;

    TransparencyFeed(TransparencyLog log, JdbcRequests store) {
        this.log = log;
        this.store = store;
    }

    /** The log's event type for a casework event, if it is one the public log records. */
    static Optional<String> eventType(Object event) {
        return Optional.ofNullable(
                switch (event) {
                    case RequestSubmitted e -> "request-sent";
                    case RequestReceived e -> "request-received";
                    case RequestDecided e -> "request-decided";
                    case RequestExecuted e -> "request-executed";
                    case RequestWithdrawn e -> "request-withdrawn";
                    default -> null;
                });
    }

    @ApplicationModuleListener
    void on(RequestSubmitted event) {
        append(event, event.request(), EventType.REQUEST_SENT, null, List.of(), event.day());
    }

    @ApplicationModuleListener
    void on(RequestReceived event) {
        append(event, event.request(), EventType.REQUEST_RECEIVED, null, List.of(), event.day());
    }

    @ApplicationModuleListener
    void on(RequestDecided event) {
        var outcome = outcome(event.outcome());
        var grounds = outcome == Outcome.REFUSED || outcome == Outcome.GRANTED_IN_PART
                ? List.copyOf(event.refusalGrounds())
                : List.<String>of();
        append(event, event.request(), EventType.REQUEST_DECIDED, outcome, grounds, event.day());
    }

    @ApplicationModuleListener
    void on(RequestExecuted event) {
        append(event, event.request(), EventType.REQUEST_EXECUTED, null, List.of(), event.day());
    }

    @ApplicationModuleListener
    void on(RequestWithdrawn event) {
        append(event, event.request(), EventType.REQUEST_WITHDRAWN, null, List.of(), event.day());
    }

    private void append(
            Object event,
            RequestFacts facts,
            EventType type,
            @Nullable Outcome outcome,
            List<String> refusalGrounds,
            java.time.LocalDate day) {
        var eventId = facts.eventId(eventType(event).orElseThrow());
        var frozen = store.publicRecord(eventId)
                .orElseThrow(() -> new IllegalStateException("no frozen record for log event " + eventId));
        var metadata = new PublicMetadata(
                type,
                facts.requestingState() == null ? UNKNOWN_STATE : facts.requestingState(),
                facts.requestedState() == null ? UNKNOWN_STATE : facts.requestedState(),
                facts.kind(),
                facts.legalBasis() == null || facts.legalBasis().isBlank()
                        ? List.of()
                        : List.of(code(facts.legalBasis())),
                List.copyOf(facts.conductCategories()),
                facts.emergency(),
                outcome,
                refusalGrounds,
                day);
        log.append(
                new LogEvent(eventId, metadata, frozen.record().getBytes(StandardCharsets.UTF_8), frozen.disclose()));
    }

    /** Instrument ids become lower-case codes on the log (ETS185 → ets185). */
    private static String code(String instrument) {
        return instrument.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
    }

    static Outcome outcome(String outcome) {
        return switch (outcome) {
            case "granted", "granted-with-conditions" -> Outcome.GRANTED;
            case "partially-granted" -> Outcome.GRANTED_IN_PART;
            case "refused" -> Outcome.REFUSED;
            case "postponed" -> Outcome.POSTPONED;
            default -> throw new IllegalArgumentException("unknown decision outcome " + outcome);
        };
    }
}
