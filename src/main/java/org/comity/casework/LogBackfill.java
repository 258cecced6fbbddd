package org.comity.casework;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.comity.casework.persistence.JdbcRequests;
import org.comity.casework.persistence.JdbcRequests.StoredPublicRecord;
import org.comity.transparency.EventType;
import org.comity.transparency.TransparencyLog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Before the log's outbox, an event's public record was frozen in the change's transaction but its
 * entry was appended afterwards by a listener that could fail or never run (issue 15): such events
 * are acknowledged and absent from the log. At the first start with the outbox, this queues every
 * frozen record the log knows nothing of (neither appended nor waiting in the outbox), built from
 * the record exactly as the change would have built it, with the same event id, so it is logged
 * once whatever ran before. It runs once (a row in {@code casework_log_backfill} says so); a pass
 * cut short runs again, and harmlessly, since queuing is idempotent on the event id.
 */
@Component
class LogBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LogBackfill.class);
    private static final int BATCH = 500;

    private final JdbcRequests store;
    private final TransparencyLog transparency;
    private final TransparencyFeed feed;
    private final TransactionTemplate transaction;
    private final Clock clock;

    LogBackfill(
            JdbcRequests store,
            TransparencyLog transparency,
            TransparencyFeed feed,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.store = store;
        this.transparency = transparency;
        this.feed = feed;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (store.logBackfillDone()) {
            return;
        }
        long queued = queueUnlogged();
        store.recordLogBackfill(clock.instant(), queued);
        if (queued > 0) {
            log.info("Queued {} request events recorded before the log's outbox for the public log", queued);
        }
    }

    /** Queues every frozen record the log knows nothing of; returns how many. */
    long queueUnlogged() {
        long queued = 0;
        UUID after = null;
        while (true) {
            var batch = store.publicRecordsAfter(after, BATCH);
            if (batch.isEmpty()) {
                return queued;
            }
            after = batch.getLast().eventId();
            var unrecorded = transparency.unrecorded(
                    batch.stream().map(StoredPublicRecord::eventId).toList());
            var missing =
                    batch.stream().filter(r -> unrecorded.contains(r.eventId())).toList();
            if (!missing.isEmpty()) {
                queued += transaction.execute(status -> {
                    long n = 0;
                    for (var r : missing) {
                        var event = event(r);
                        if (event.isPresent()) {
                            feed.enqueue(event.get(), r.record(), r.disclose());
                            n++;
                        }
                    }
                    return n;
                });
            }
        }
    }

    /** The casework event a frozen record was frozen for, as the change published it. */
    private static Optional<Object> event(StoredPublicRecord r) {
        var facts = RequestFacts.of(r.requestId(), r.version(), r.direction(), r.kind(), r.content());
        var day = Casework.day(r.at());
        EventType type = null;
        for (var candidate : EventType.values()) {
            if (facts.eventId(candidate.code()).equals(r.eventId())) {
                type = candidate;
            }
        }
        return Optional.ofNullable(event(type, facts, day, r));
    }

    private static @Nullable Object event(
            @Nullable EventType type, RequestFacts facts, java.time.LocalDate day, StoredPublicRecord r) {
        if (type == null) {
            log.warn(
                    "Public record {} of request {} matches no log event type; not queued", r.eventId(), r.requestId());
            return null;
        }
        return switch (type) {
            case REQUEST_SENT -> new RequestSubmitted(facts, day);
            case REQUEST_RECEIVED -> new RequestReceived(facts, day);
            case REQUEST_DECIDED -> {
                var decision = r.decision();
                if (decision == null) {
                    log.warn(
                            "Public record {} of request {} is of a decision but holds none; not queued",
                            r.eventId(),
                            r.requestId());
                    yield null;
                }
                yield new RequestDecided(
                        facts, decision.outcome(), Casework.refusalGrounds(decision), r.approvedBy() != null, day);
            }
            case REQUEST_EXECUTED -> new RequestExecuted(facts, r.evidenceTransmitted(), day);
            // The state withdrawn from is not on the log, and the record does not name it.
            case REQUEST_WITHDRAWN -> new RequestWithdrawn(facts, "unknown", day);
            // Evidence events are not frozen as request records: their ids come from the transfer.
            case EVIDENCE_TRANSMITTED, EVIDENCE_RECEIVED -> null;
        };
    }
}
