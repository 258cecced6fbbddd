package org.comity.casework;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.comity.casework.domain.RequestContent;
import org.comity.shared.CountryCode;
import org.comity.shared.Violation;
import org.comity.transparency.EventType;
import org.comity.transparency.LogEvent;
import org.comity.transparency.Outcome;
import org.comity.transparency.PublicMetadata;
import org.comity.transparency.TransparencyLog;
import org.comity.treaty.Treaties;
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
 * <p>{@link #unloggable} checks, when content is written, what the log could not hold, so such content
 * is a 422 naming the field. Requests stored before that check are logged with closed fallback codes
 * instead (see {@link #enqueue}), and an edit may keep what they hold.
 */
@Component
class TransparencyFeed {

    /** ISO 3166-1 reserves ZZ for an unknown State: a request registered from paper may not say. */
    static final CountryCode UNKNOWN_STATE = CountryCode.of("ZZ");

    /** What {@link #code} must give: the log's category code. */
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    private final TransparencyLog log;

    /**
     * The log codes of the catalogue's instruments. Only these name a legal basis on the log: a basis
     * typed as free text ("Art. 3 of our MLAT") is a person's words, however short.
     */
    private final Set<String> instruments;

    TransparencyFeed(TransparencyLog log, Treaties treaties) {
        this.log = log;
        this.instruments =
                treaties.instruments().stream().map(i -> code(i.id())).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The log's event type for a casework event, if it is one the public log records. The one mapping
     * from casework events to log entries is {@link #entry}; this only names its type.
     */
    static Optional<EventType> eventType(Object event) {
        return entry(event).map(Entry::type);
    }

    /** What the log records of one casework event, before it becomes {@link PublicMetadata}. */
    private record Entry(
            RequestFacts facts,
            EventType type,
            @Nullable Outcome outcome,
            List<String> refusalGrounds,
            @Nullable String basis,
            LocalDate day,
            @Nullable String pairing) {}

    private static Optional<Entry> entry(Object event) {
        return Optional.ofNullable(
                switch (event) {
                    case RequestSubmitted e ->
                        new Entry(e.request(), EventType.REQUEST_SENT, null, List.of(), null, e.day(), e.pairing());
                    case RequestReceived e ->
                        new Entry(e.request(), EventType.REQUEST_RECEIVED, null, List.of(), null, e.day(), e.pairing());
                    case RequestDecided e -> {
                        var outcome = outcome(e.outcome());
                        var grounds = outcome == Outcome.REFUSED || outcome == Outcome.GRANTED_IN_PART
                                ? List.copyOf(new TreeSet<>(e.refusalGrounds()))
                                : List.<String>of();
                        yield new Entry(
                                e.request(),
                                EventType.REQUEST_DECIDED,
                                outcome,
                                grounds,
                                e.basis(),
                                e.day(),
                                e.pairing());
                    }
                    case RequestExecuted e ->
                        new Entry(e.request(), EventType.REQUEST_EXECUTED, null, List.of(), null, e.day(), e.pairing());
                    case RequestWithdrawn e ->
                        new Entry(
                                e.request(), EventType.REQUEST_WITHDRAWN, null, List.of(), null, e.day(), e.pairing());
                    default -> null;
                });
    }

    /**
     * What in {@code content} no log entry could hold: a legal basis that is no code of at most 64
     * characters, more conduct categories than an entry lists. Empty when every event of the request
     * can be logged. What {@code stored} (the request's content before this edit) already holds is
     * not refused again: a request stored before this check must stay editable.
     */
    static List<Violation> unloggable(RequestContent content, @Nullable RequestContent stored) {
        var problems = new ArrayList<Violation>();
        var basis = content.legalBasis();
        if (basis != null
                && !basis.isBlank()
                && !CODE.matcher(code(basis)).matches()
                && !(stored != null && basis.equals(stored.legalBasis()))) {
            problems.add(new Violation(
                    "content.legalBasis",
                    "legal-basis-code",
                    "name the instrument by its id: at most 64 characters, starting with a letter or digit"));
        }
        var categories = categories(content);
        if (categories.size() > PublicMetadata.MAX_CODES
                && !(stored != null && categories(stored).containsAll(categories))) {
            problems.add(new Violation(
                    "content.offences",
                    "too-many-conduct-categories",
                    "at most " + PublicMetadata.MAX_CODES + " distinct conduct categories in one request"));
        }
        return problems;
    }

    private static TreeSet<String> categories(RequestContent content) {
        var categories = new TreeSet<String>();
        content.offences().forEach(o -> o.conductCategories().forEach(c -> categories.add(c.value())));
        return categories;
    }

    /**
     * Writes the log entry of {@code event} to the log's outbox, in the caller's transaction, if the
     * public log records such events.
     *
     * <p>Content is checked by {@link #unloggable} when it is written, but requests stored before that
     * check may hold a legal basis no code can carry. Refusing their transitions would freeze them (and
     * their edits) for ever, so such a basis is logged as {@link #UNNAMED_BASIS}: never its text, since
     * nothing a person typed reaches the public log.
     *
     * @param record the confidential record the entry commits to, frozen with the change
     */
    void enqueue(Object event, String record, LocalDate disclose) {
        entry(event).ifPresent(entry -> enqueue(entry, record, disclose));
    }

    private void enqueue(Entry entry, String record, LocalDate disclose) {
        var metadata = metadata(entry, null);
        log.enqueue(new LogEvent(
                entry.facts().eventId(entry.type().code()),
                metadata,
                record.getBytes(StandardCharsets.UTF_8),
                disclose));
    }

    /**
     * Writes an evidence event's entry to the log's outbox, in the caller's transaction: the request's
     * public facts as its own entries give them, and the package's manifest digest (a digest, never
     * content).
     *
     * @param eventId the event's id, from the transfer: appending it again logs it once
     */
    void enqueueEvidence(
            RequestFacts facts,
            EventType type,
            java.util.UUID eventId,
            String manifestDigest,
            String record,
            LocalDate day,
            LocalDate disclose) {
        if (!type.namesEvidence()) {
            throw new IllegalArgumentException(type + " is not an evidence event");
        }
        var metadata = metadata(new Entry(facts, type, null, List.of(), null, day, null), manifestDigest);
        log.enqueue(new LogEvent(eventId, metadata, record.getBytes(StandardCharsets.UTF_8), disclose));
    }

    private PublicMetadata metadata(Entry entry, @Nullable String evidence) {
        var facts = entry.facts();
        var categories = new TreeSet<>(facts.conductCategories());
        return new PublicMetadata(
                entry.type(),
                facts.requestingState() == null ? UNKNOWN_STATE : facts.requestingState(),
                facts.requestedState() == null ? UNKNOWN_STATE : facts.requestedState(),
                facts.kind(),
                legalBasis(facts.legalBasis()),
                // Vocabulary codes; content stored before the check may list more than an entry holds.
                categories.stream().limit(PublicMetadata.MAX_CODES).toList(),
                facts.emergency(),
                entry.outcome(),
                entry.refusalGrounds(),
                entry.day(),
                entry.basis(),
                entry.pairing(),
                evidence);
    }

    /** The log's code for a legal basis that is not an instrument of the catalogue (closed vocabulary). */
    static final String UNNAMED_BASIS = "unnamed-instrument";

    private List<String> legalBasis(@Nullable String basis) {
        if (basis == null || basis.isBlank()) {
            return List.of();
        }
        var code = code(basis);
        return List.of(instruments.contains(code) ? code : UNNAMED_BASIS);
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
