package org.comity.casework;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.comity.casework.domain.RequestContent;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.transparency.EventType;
import org.comity.transparency.LogEvent;
import org.comity.transparency.Outcome;
import org.comity.transparency.PublicMetadata;
import org.comity.transparency.TransparencyLog;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Puts every request sent, received, decided, executed or withdrawn on the public log. Casework calls
 * it inside the transaction of the change: the entry goes to the log's outbox with the change, so an
 * acknowledged change always reaches the log (the writer appends the outbox after commit, and after a
 * crash at its next start), and a change whose entry cannot be built is refused and not stored.
 * Appending is idempotent on the event id, so an event is logged exactly once. Only codes reach the
 * log; the request itself is committed to, through the record frozen when the change happened.
 *
 * <p>{@link #unloggable} checks, when content is written, what the log would later refuse, so such
 * content is a 422 naming the field instead of a change that cannot be logged.
 */
@Component
class TransparencyFeed {

    /** ISO 3166-1 reserves ZZ for an unknown State: a request registered from paper may not say. */
    static final CountryCode UNKNOWN_STATE = CountryCode.of("ZZ");

    /** What {@link #code} must give: the log's category code. */
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    private final TransparencyLog log;

    TransparencyFeed(TransparencyLog log) {
        this.log = log;
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

    /**
     * What in {@code content} no log entry could hold: a legal basis that is no code of at most 64
     * characters, more conduct categories than an entry lists. Empty when every event of the request
     * can be logged.
     */
    static List<Violation> unloggable(RequestContent content) {
        var problems = new ArrayList<Violation>();
        var basis = content.legalBasis();
        if (basis != null && !basis.isBlank() && !CODE.matcher(code(basis)).matches()) {
            problems.add(new Violation(
                    "content.legalBasis",
                    "legal-basis-code",
                    "name the instrument by its id: at most 64 characters, starting with a letter or digit"));
        }
        var categories = new TreeSet<String>();
        content.offences().forEach(o -> o.conductCategories().forEach(c -> categories.add(c.value())));
        if (categories.size() > PublicMetadata.MAX_CODES) {
            problems.add(new Violation(
                    "content.offences",
                    "too-many-conduct-categories",
                    "at most " + PublicMetadata.MAX_CODES + " distinct conduct categories in one request"));
        }
        return problems;
    }

    /**
     * Writes the log entry of {@code event} to the log's outbox, in the caller's transaction, if the
     * public log records such events.
     *
     * @param record the confidential record the entry commits to, frozen with the change
     * @throws InvalidInput if the request holds what no entry can (content stored before the check)
     */
    void enqueue(Object event, RequestContent content, String record, LocalDate disclose) {
        var problems = unloggable(content);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        switch (event) {
            case RequestSubmitted e ->
                enqueue(e.request(), EventType.REQUEST_SENT, null, List.of(), null, e.day(), record, disclose);
            case RequestReceived e ->
                enqueue(e.request(), EventType.REQUEST_RECEIVED, null, List.of(), null, e.day(), record, disclose);
            case RequestDecided e -> {
                var outcome = outcome(e.outcome());
                var grounds = outcome == Outcome.REFUSED || outcome == Outcome.GRANTED_IN_PART
                        ? List.copyOf(e.refusalGrounds())
                        : List.<String>of();
                enqueue(e.request(), EventType.REQUEST_DECIDED, outcome, grounds, e.basis(), e.day(), record, disclose);
            }
            case RequestExecuted e ->
                enqueue(e.request(), EventType.REQUEST_EXECUTED, null, List.of(), null, e.day(), record, disclose);
            case RequestWithdrawn e ->
                enqueue(e.request(), EventType.REQUEST_WITHDRAWN, null, List.of(), null, e.day(), record, disclose);
            default -> {
                // not an event the public log records
            }
        }
    }

    private void enqueue(
            RequestFacts facts,
            EventType type,
            @Nullable Outcome outcome,
            List<String> refusalGrounds,
            @Nullable String basis,
            LocalDate day,
            String record,
            LocalDate disclose) {
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
                day,
                basis);
        log.enqueue(
                new LogEvent(facts.eventId(type.code()), metadata, record.getBytes(StandardCharsets.UTF_8), disclose));
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
