package org.comity.treaty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.comity.shared.Conflict;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.shared.Sha256;
import org.comity.shared.Violation;
import org.comity.treaty.data.ActionsFile;
import org.comity.treaty.data.ReferenceData;
import org.comity.treaty.domain.Catalogue;
import org.comity.treaty.domain.DecisionCalculator;
import org.comity.treaty.domain.EntryIntoForce;
import org.comity.treaty.domain.InstrumentDefinition;
import org.comity.treaty.domain.LegalBasisFinder;
import org.comity.treaty.persistence.JdbcTreatyRecords;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The treaty registry: instruments and their articles catalogue, States, treaty actions and
 * reservations, and the answers built on them (in force for a State, legal basis between two States,
 * progress towards entry into force, treaty-body decisions). Reference data comes from the release's
 * files; what administrators add is stored append-only with who added it.
 */
@Component
public class Treaties {

    private final ReferenceData reference;
    private final JdbcTreatyRecords store;
    private final Clock clock;
    private final java.time.Period statusMaxAge;
    private final DecisionCalculator calculator = new DecisionCalculator();
    /** Built from all actions and reservations once, rebuilt after a change commits (read often). */
    private volatile Worlds engines;

    /**
     * The engines of real States and, apart, of fictional ones: fictional ratifications must never count
     * towards a real treaty's entry into force, and a real State is never a party beside fictional ones.
     */
    private record Worlds(
            Map<String, EntryIntoForce> real, Map<String, EntryIntoForce> fictional, List<Reservation> reservations) {

        Map<String, EntryIntoForce> of(CountryCode state) {
            return state.isUserAssigned() ? fictional : real;
        }

        Map<String, EntryIntoForce> between(CountryCode a, CountryCode b) {
            return a.isUserAssigned() && b.isUserAssigned() ? fictional : real;
        }
    }

    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    Treaties(ReferenceData reference, JdbcTreatyRecords store, Clock clock, TreatyProperties properties) {
        this.reference = reference;
        this.store = store;
        this.clock = clock;
        this.statusMaxAge = properties.statusMaxAge();
    }

    /**
     * How current the status of a treaty joined by consent is on this node.
     *
     * @param asOf the newest source date of its confirmed records; empty if none says
     * @param stale true when that date is older than {@code comity.treaty.status-max-age} (or unknown)
     */
    public record StatusAge(String instrument, Optional<LocalDate> asOf, java.time.Period maxAge, boolean stale) {}

    public StatusAge statusAge(String instrument) {
        return statusAge(engines().real(), instrument);
    }

    /** The age of the status in the world of States the answer is about (fictional ones apart). */
    private StatusAge statusAge(Map<String, EntryIntoForce> world, String instrument) {
        var asOf = world.get(instrument).statusAsOf();
        boolean stale = asOf.map(d -> d.plus(statusMaxAge).isBefore(today())).orElse(true);
        return new StatusAge(instrument, asOf, statusMaxAge, stale);
    }

    /** The "as of" of every answer, and the warning when the data is older than allowed. */
    private List<Reason> ageReasons(Map<String, EntryIntoForce> world, String instrument) {
        var age = statusAge(world, instrument);
        var reasons = new ArrayList<Reason>();
        reasons.add(age.asOf()
                .map(asOf ->
                        Reason.of("status.as-of", Map.of("instrument", Reason.instrument(instrument), "date", asOf)))
                .orElse(Reason.of("status.as-of-unknown", Map.of("instrument", Reason.instrument(instrument)))));
        if (age.stale()) {
            reasons.add(Reason.of("status.stale", Map.of("maxAge", statusMaxAge.toString())));
        }
        return reasons;
    }

    private static List<Reason> plus(List<Reason> reasons, List<Reason> more) {
        var all = new ArrayList<>(reasons);
        all.addAll(more);
        return all;
    }

    /** Today in UTC, the default date of every question. */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public List<Instrument> instruments() {
        return reference.catalogue().instruments().stream().map(Treaties::view).toList();
    }

    public Instrument instrument(String id) {
        return view(reference.catalogue().instrument(id));
    }

    /** The only way to a citation: throws {@link NotFound} for an article or paragraph not in the catalogue. */
    public Citation cite(String instrument, String article, Optional<String> paragraph) {
        return reference.catalogue().cite(instrument, article, paragraph);
    }

    public List<RegisteredState> states() {
        return List.copyOf(reference.states().all());
    }

    /** The registry's States and organisations in the order a reader of {@code locale} looks for them. */
    public List<RegisteredState> states(Locale locale) {
        return reference.states().all().stream()
                .sorted(RegisteredState.byName(locale))
                .toList();
    }

    /** Fictional States, when {@code comity.treaty.fictional-states} accepts them (training, tests); else none. */
    public List<RegisteredState> fictionalStates() {
        return reference.states().fictional();
    }

    /** Whether the registry holds this State or organisation (fictional ones only when accepted). */
    public boolean registered(CountryCode code) {
        return reference.states().find(code).isPresent();
    }

    public RegisteredState state(CountryCode code) {
        return reference.states().find(code).orElseThrow(() -> new NotFound("State or organisation " + code));
    }

    /**
     * Renders reasons for a reader of {@code locale}: the bundle's sentences, States by the registry's
     * name with their code ("France (FR)"), instruments by name.
     */
    public java.util.function.UnaryOperator<Reason> reasonsIn(Locale locale) {
        var names = new ReasonText.Names(
                (code, in) -> stateName(CountryCode.of(code), in)
                        .map(name -> name.endsWith(" " + code) ? name : name + " (" + code + ")"),
                id -> reference.catalogue().instruments().stream()
                        .filter(i -> i.id().equals(id))
                        .map(i -> i.shortName())
                        .findFirst());
        return reason -> ReasonText.localised(reason, locale, names);
    }

    /**
     * The registry's name of a State for a reader of {@code locale} (UNTERM short names in English, French
     * and Arabic, see {@link RegisteredState#name}); empty for a code the registry does not hold.
     */
    public Optional<String> stateName(CountryCode code, Locale locale) {
        return reference.states().find(code).map(s -> s.name(locale));
    }

    /**
     * Shipped and added actions, optionally of one instrument and/or one party. An instrument the
     * catalogue does not hold is refused: an empty list would claim it has no actions.
     */
    public List<TreatyAction> actions(Optional<String> instrument, Optional<CountryCode> party) {
        if (instrument.isPresent()
                && reference.catalogue().find(instrument.get()).isEmpty()) {
            throw InvalidInput.of(
                    "instrument", "unknown-instrument", "the id of an instrument in the treaty catalogue");
        }
        return allActions().stream()
                .filter(a -> instrument.map(a.instrument()::equals).orElse(true))
                .filter(a -> party.map(a.party()::equals).orElse(true))
                .toList();
    }

    /** Records one action (administrators); a second record of the same event is a conflict. */
    @Transactional
    public TreatyAction record(NewTreatyAction form, String actor, String channel) {
        var violations = new ArrayList<Violation>();
        var action = new ActionsFile(reference.catalogue(), reference.states())
                .check(
                        form.instrument(),
                        form.party(),
                        form.action(),
                        form.date(),
                        form.source(),
                        form.asOf(),
                        form.note(),
                        form.standing(),
                        actor,
                        true,
                        field -> field,
                        violations);
        if (action.isEmpty()) {
            throw new InvalidInput(violations);
        }
        store.lockActions();
        var id = insertNew(action.get(), Optional.empty(), actor, channel);
        invalidateAfterCommit();
        return withId(action.get(), id);
    }

    /**
     * Inserts a new record unless the same event is already recorded and counted (a withdrawn shipped
     * record does not stop its corrected twin; a withdrawn row added here does, by the unique index).
     */
    private long insertNew(TreatyAction action, Optional<TreatyAction> replacing, String actor, String channel) {
        if (activeActions().stream()
                .filter(a -> replacing.map(r -> !sameRecord(r, a)).orElse(true))
                .anyMatch(a -> a.sameEventAs(action))) {
            throw new Conflict("action-already-recorded", "this action is already recorded");
        }
        return store.insertReturningId(action, clock.instant(), actor, channel, Optional.empty())
                .orElseThrow(() -> new Conflict("action-already-recorded", "this action is already recorded"));
    }

    private static TreatyAction withId(TreatyAction action, long id) {
        return new TreatyAction(
                action.instrument(),
                action.party(),
                action.type(),
                action.date(),
                action.source(),
                action.asOf(),
                action.note(),
                action.origin(),
                action.standing(),
                Optional.of(id),
                Optional.empty());
    }

    /** What a withdrawal or a correction did: the withdrawn record and, for a correction, its successor. */
    public record Withdrawn(TreatyAction withdrawn, Optional<TreatyAction> correction) {}

    /** A record to withdraw, as named: an added record by id, a shipped record by its key. */
    private sealed interface Target {
        record Added(long id) implements Target {}

        record Shipped(
                String instrument, CountryCode party, ActionType type, Optional<LocalDate> date, Standing standing)
                implements Target {}
    }

    private record CheckedWithdrawal(Target target, WithdrawalReason reason, Optional<String> note) {}

    /** The longest note an administrator may give to a withdrawal. */
    public static final int WITHDRAWAL_NOTE_MAX = 500;

    /**
     * Withdraws a wrong record (administrators): it stays listed, struck through with who, when and why,
     * and no answer counts it any more. Unknown record: {@link NotFound}; already withdrawn: {@link Conflict}.
     */
    @Transactional
    public Withdrawn withdraw(NewWithdrawal form, String actor, String channel) {
        if (form == null) {
            throw InvalidInput.of("id", "required", "name the record to withdraw and the reason");
        }
        var violations = new ArrayList<Violation>();
        var checked = checkWithdrawal(form, "", violations);
        if (checked.isEmpty()) {
            throw new InvalidInput(violations);
        }
        store.lockActions();
        var target = resolve(checked.get().target());
        insertWithdrawal(target, checked.get(), Optional.empty(), actor, channel);
        invalidateAfterCommit();
        return new Withdrawn(
                target.withdrawn(withdrawal(checked.get(), Optional.empty(), actor, channel)), Optional.empty());
    }

    /**
     * Corrects a wrong record: withdraws it and records the corrected action that supersedes it, in one
     * transaction. Every problem of both parts is reported at once (fields {@code withdrawal.*} and
     * {@code action.*}); on any problem or conflict nothing is kept, not even the withdrawal.
     */
    @Transactional
    public Withdrawn correct(NewCorrection form, String actor, String channel) {
        var violations = new ArrayList<Violation>();
        Optional<CheckedWithdrawal> checked = Optional.empty();
        Optional<TreatyAction> action = Optional.empty();
        if (form == null || form.withdrawal() == null) {
            violations.add(new Violation("withdrawal", "required", "name the record to withdraw and the reason"));
        } else {
            checked = checkWithdrawal(form.withdrawal(), "withdrawal.", violations);
        }
        if (form == null || form.action() == null) {
            violations.add(new Violation("action", "required", "give the corrected action"));
        } else {
            var a = form.action();
            action = new ActionsFile(reference.catalogue(), reference.states())
                    .check(
                            a.instrument(),
                            a.party(),
                            a.action(),
                            a.date(),
                            a.source(),
                            a.asOf(),
                            a.note(),
                            a.standing(),
                            actor,
                            true,
                            field -> "action." + field,
                            violations);
        }
        if (!violations.isEmpty() || checked.isEmpty() || action.isEmpty()) {
            throw new InvalidInput(violations);
        }
        store.lockActions();
        var target = resolve(checked.get().target());
        long id = insertNew(action.get(), Optional.of(target), actor, channel);
        insertWithdrawal(target, checked.get(), Optional.of(id), actor, channel);
        invalidateAfterCommit();
        return new Withdrawn(
                target.withdrawn(withdrawal(checked.get(), Optional.of(id), actor, channel)),
                Optional.of(withId(action.get(), id)));
    }

    private Withdrawal withdrawal(
            CheckedWithdrawal checked, Optional<Long> supersededBy, String actor, String channel) {
        return new Withdrawal(checked.reason(), clock.instant(), actor + " (" + channel + ")", supersededBy);
    }

    private void insertWithdrawal(
            TreatyAction target, CheckedWithdrawal checked, Optional<Long> supersededBy, String actor, String channel) {
        boolean inserted = store.insertWithdrawal(new JdbcTreatyRecords.WithdrawalRow(
                target.id(),
                target.instrument(),
                target.party(),
                target.type(),
                target.date(),
                target.standing(),
                checked.reason(),
                checked.note(),
                supersededBy,
                clock.instant(),
                actor,
                channel));
        if (!inserted) {
            throw new Conflict("action-already-withdrawn", "this record is already withdrawn");
        }
    }

    /** The record named, if it exists and is not withdrawn yet. */
    private TreatyAction resolve(Target target) {
        var found = allActions().stream()
                .filter(a -> switch (target) {
                    case Target.Added added -> a.id().equals(Optional.of(added.id()));
                    case Target.Shipped key ->
                        a.id().isEmpty()
                                && a.instrument().equals(key.instrument())
                                && a.party().equals(key.party())
                                && a.type() == key.type()
                                && a.date().equals(key.date())
                                && a.standing() == key.standing();
                })
                .findFirst()
                .orElseThrow(() -> new NotFound(
                        switch (target) {
                            case Target.Added added -> "treaty action " + added.id();
                            case Target.Shipped key ->
                                "shipped treaty action " + key.instrument() + " " + key.party() + " "
                                        + key.type().code() + " "
                                        + key.date().map(LocalDate::toString).orElse("unknown") + " "
                                        + key.standing().code();
                        }));
        if (!found.active()) {
            throw new Conflict("action-already-withdrawn", "this record is already withdrawn");
        }
        return found;
    }

    private static boolean sameRecord(TreatyAction a, TreatyAction b) {
        return a.id().isPresent() ? a.id().equals(b.id()) : b.id().isEmpty() && a.sameEventAs(b);
    }

    private Optional<CheckedWithdrawal> checkWithdrawal(NewWithdrawal form, String prefix, List<Violation> violations) {
        int before = violations.size();
        boolean keyGiven =
                form.instrument() != null || form.party() != null || form.action() != null || form.date() != null;
        Target target = null;
        if (form.id() != null && keyGiven) {
            violations.add(new Violation(
                    prefix + "id",
                    "one-of",
                    "name a record added on this node by its id, or a shipped record by its key, not both"));
        } else if (form.id() != null) {
            if (form.id() <= 0) {
                violations.add(new Violation(prefix + "id", "positive", "the id of a record added on this node"));
            } else {
                target = new Target.Added(form.id());
            }
        } else if (!keyGiven) {
            violations.add(new Violation(
                    prefix + "id",
                    "required",
                    "give the id of a record added on this node, or instrument, party, action and date of a"
                            + " shipped record"));
        } else {
            target = shippedKey(form, prefix, violations).orElse(null);
        }
        var reason = WithdrawalReason.fromCode(
                form.reason() == null ? "" : form.reason().strip());
        if (reason.isEmpty()) {
            violations.add(new Violation(
                    prefix + "reason",
                    "unknown-reason",
                    "must be one of "
                            + String.join(
                                    ", ",
                                    java.util.Arrays.stream(WithdrawalReason.values())
                                            .map(WithdrawalReason::code)
                                            .toList())));
        }
        var note = Optional.ofNullable(form.note()).map(String::strip).filter(n -> !n.isEmpty());
        if (note.isPresent() && note.get().length() > WITHDRAWAL_NOTE_MAX) {
            violations.add(
                    new Violation(prefix + "note", "too-long", "at most " + WITHDRAWAL_NOTE_MAX + " characters"));
        }
        if (violations.size() > before || target == null) {
            return Optional.empty();
        }
        return Optional.of(new CheckedWithdrawal(target, reason.get(), note));
    }

    private Optional<Target> shippedKey(NewWithdrawal form, String prefix, List<Violation> violations) {
        int before = violations.size();
        var instrument = form.instrument() == null ? "" : form.instrument().strip();
        if (reference.catalogue().find(instrument).isEmpty()) {
            violations.add(
                    new Violation(prefix + "instrument", "unknown-instrument", "not an instrument of the catalogue"));
        }
        CountryCode party = null;
        try {
            party = CountryCode.of(form.party() == null ? "" : form.party().strip());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(prefix + "party", "format", "must be an ISO 3166-1 alpha-2 code"));
        }
        var type =
                ActionType.fromCode(form.action() == null ? "" : form.action().strip());
        if (type.isEmpty()) {
            violations.add(new Violation(
                    prefix + "action",
                    "unknown-action",
                    "must be one of signature, ratification, acceptance, approval, accession, denunciation"));
        }
        if (form.date() == null || form.date().isBlank()) {
            violations.add(new Violation(prefix + "date", "required", "the date of the record, or unknown"));
        }
        var date = optionalDate(form.date(), prefix + "date", violations);
        var standingCode = form.standing() == null || form.standing().isBlank()
                ? "confirmed"
                : form.standing().strip();
        var standing = Standing.fromCode(standingCode);
        if (standing.isEmpty()) {
            violations.add(new Violation(prefix + "standing", "unknown-standing", "must be confirmed or reported"));
        }
        if (violations.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Target.Shipped(instrument, party, type.get(), date, standing.get()));
    }

    /**
     * Imports a CSV file of actions in one transaction: every row is checked first and every problem
     * reported with its line; on any problem nothing is stored. Events already recorded are skipped.
     */
    @Transactional
    public ImportResult importActions(String csv, String fileName, String actor, String channel) {
        if (fileName == null || fileName.isBlank() || fileName.length() > 300) {
            throw InvalidInput.of("fileName", "file-name-length", "1 to 300 characters");
        }
        var actions = new ActionsFile(reference.catalogue(), reference.states()).read(csv, actor, true);
        // One import or record at a time: what is "already recorded" must not change under us.
        store.lockActions();
        var existing = allActions();
        var id = UUID.randomUUID();
        var now = clock.instant();
        var toAdd = new ArrayList<TreatyAction>();
        var skipped = new ArrayList<String>();
        for (TreatyAction action : actions) {
            var same = existing.stream().filter(a -> a.sameEventAs(action)).findFirst();
            if (same.isPresent()) {
                // A withdrawn record is skipped too: an import must not bring back what was withdrawn.
                skipped.add(action.instrument() + " " + action.party() + " "
                        + action.type().code() + " "
                        + action.date().map(LocalDate::toString).orElse("unknown")
                        + (same.get().active() ? "" : " (withdrawn)"));
            } else {
                toAdd.add(action);
            }
        }
        store.recordImport(id, now, actor, channel, fileName, Sha256.of(csv), toAdd.size(), skipped.size());
        for (TreatyAction action : toAdd) {
            if (!store.insert(action, now, actor, "import", Optional.of(id))) {
                // The import row above counts this action: roll everything back rather than lie.
                throw new Conflict(
                        "action-already-recorded", "an action of this file was recorded meanwhile; import again");
            }
        }
        invalidateAfterCommit();
        return new ImportResult(id, toAdd.size(), skipped.size(), skipped);
    }

    /**
     * The actions that count, in the import format, shipped first, for review or for another node.
     * Withdrawn records are left out: importing the file elsewhere must not bring them back.
     */
    public String exportActions() {
        return ActionsFile.write(activeActions());
    }

    public InForce inForce(String instrument, CountryCode state, Optional<LocalDate> date) {
        var definition = reference.catalogue().instrument(instrument);
        if (!definition.kind().joinedByConsent()) {
            throw InvalidInput.of(
                    "instrument", "not-joined-by-consent", "ask for the legal basis between two States instead");
        }
        requireKnown("state", state);
        var world = engines().of(state);
        var answer = world.get(instrument).forState(state, date.orElseGet(this::today));
        return new InForce(
                answer.instrument(),
                answer.state(),
                answer.date(),
                answer.answer(),
                answer.since(),
                plus(answer.reasons(), ageReasons(world, instrument)));
    }

    /** The legal basis, with how current each instrument's status is on this node (for people to read). */
    public LegalBasis legalBasis(CountryCode a, CountryCode b, Optional<LocalDate> date) {
        var found = legalBasisOnRecord(a, b, date);
        var engines = engines().between(a, b);
        return new LegalBasis(
                found.a(),
                found.b(),
                found.date(),
                found.answer(),
                found.instruments().stream()
                        .map(o -> engines.containsKey(o.instrument())
                                ? new LegalBasis.Option(
                                        o.instrument(),
                                        o.name(),
                                        o.answer(),
                                        plus(o.reasons(), ageReasons(engines, o.instrument())),
                                        o.limitations())
                                : o)
                        .toList());
    }

    /**
     * The legal basis as the records give it, without the status-age lines: those depend on the day the
     * question is asked, and an assessment must give the same findings whenever it is replayed.
     */
    public LegalBasis legalBasisOnRecord(CountryCode a, CountryCode b, Optional<LocalDate> date) {
        var violations = new ArrayList<Violation>();
        if (reference.states().find(a).isEmpty()) {
            violations.add(new Violation("a", "unknown-state", "not a State or organisation in the registry"));
        }
        if (reference.states().find(b).isEmpty()) {
            violations.add(new Violation("b", "unknown-state", "not a State or organisation in the registry"));
        }
        if (a.equals(b)) {
            violations.add(new Violation("b", "same-state", "a legal basis is between two different States"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return new LegalBasisFinder(reference.catalogue(), engines().between(a, b), reservations())
                .between(a, b, date.orElseGet(this::today));
    }

    public Progress progress(String instrument, Optional<LocalDate> date) {
        var definition = reference.catalogue().instrument(instrument);
        if (!definition.kind().joinedByConsent()) {
            throw InvalidInput.of("instrument", "not-joined-by-consent", "this instrument has no threshold");
        }
        var p = engines().real().get(instrument).progress(date.orElseGet(this::today));
        return new Progress(
                p.instrument(),
                p.asOf(),
                p.inForce(),
                p.counted(),
                p.countedWithUnknownDate(),
                p.required(),
                p.signatures(),
                p.entryIntoForce(),
                plus(p.reasons(), ageReasons(engines().real(), instrument)),
                p.reported(),
                p.reportedSignatures());
    }

    public DecisionOutcome decide(DecisionRule rule, VoteTally votes) {
        return calculator.decide(rule, votes);
    }

    /**
     * The recorded reservations, held with the engines and read again after one is recorded: every
     * assessment asks for them (a query on each create, issue 18).
     */
    public List<Reservation> reservations() {
        return engines().reservations();
    }

    private List<Reservation> loadReservations() {
        return store.reservations().stream()
                .map(r -> new Reservation(
                        r.instrument(),
                        r.party(),
                        recordedCitation(r.instrument(), r.article(), r.paragraph()),
                        Reservation.Kind.valueOf(r.kind()),
                        ReservationEffects.of(r.effect(), r.values()),
                        r.madeOn(),
                        r.withdrawnOn(),
                        r.source(),
                        r.asOf()))
                .toList();
    }

    /**
     * The citation of a recorded reservation. Reservations are append-only records; the catalogue is
     * data that may be corrected later (an article renumbered after checking the official text). A
     * record whose article the catalogue no longer lists must not make every legal-basis answer fail,
     * so it is cited as recorded, marked unverified, and says the catalogue no longer lists it.
     */
    private Citation recordedCitation(String instrument, String article, Optional<String> paragraph) {
        try {
            return cite(instrument, article, paragraph);
        } catch (NotFound | IllegalArgumentException e) {
            return new Citation(
                    instrument,
                    article,
                    paragraph,
                    Certainty.V,
                    "as recorded; the articles catalogue no longer lists this article or paragraph");
        }
    }

    /** Records a reservation or declaration (administrators), with every problem listed at once. */
    @Transactional
    public Reservation recordReservation(NewReservation form, String actor) {
        var violations = new ArrayList<Violation>();
        Citation article = null;
        var paragraph = Optional.ofNullable(form.paragraph()).map(String::strip).filter(p -> !p.isEmpty());
        try {
            article = cite(
                    String.valueOf(form.instrument()),
                    String.valueOf(form.article()).strip(),
                    paragraph);
        } catch (NotFound | IllegalArgumentException e) {
            violations.add(
                    new Violation("article", "not-in-catalogue", "the catalogue lists no such article or paragraph"));
        }
        CountryCode party = null;
        try {
            party = CountryCode.of(form.party());
            if (reference.states().find(party).isEmpty()) {
                violations.add(new Violation("party", "unknown-state", "not a State or organisation in the registry"));
            }
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("party", "format", "must be an ISO 3166-1 alpha-2 code"));
        }
        Reservation.Kind kind = null;
        if ("reservation".equals(form.kind()) || "declaration".equals(form.kind())) {
            kind = Reservation.Kind.valueOf(form.kind().toUpperCase(java.util.Locale.ROOT));
        } else {
            violations.add(new Violation("kind", "unknown-kind", "must be reservation or declaration"));
        }
        ReservationEffect effect = null;
        try {
            effect = ReservationEffects.of(
                    String.valueOf(form.effect()), form.values() == null ? List.of() : form.values());
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(
                    "effect", "invalid-effect", "unknown effect, or its values are missing or malformed"));
        }
        var madeOn = optionalDate(form.madeOn(), "madeOn", violations);
        var withdrawnOn = optionalDate(form.withdrawnOn(), "withdrawnOn", violations);
        var asOf = optionalDate(form.asOf(), "asOf", violations);
        if (asOf.isEmpty()) {
            violations.add(new Violation("asOf", "required", "give the as-of date of the source"));
        }
        if (form.source() == null || form.source().isBlank()) {
            violations.add(new Violation("source", "required", "every reservation names its source"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        var reservation = new Reservation(
                form.instrument(),
                party,
                article,
                kind,
                effect,
                madeOn,
                withdrawnOn,
                form.source().strip(),
                asOf.get());
        store.insertReservation(
                new JdbcTreatyRecords.ReservationRow(
                        reservation.instrument(),
                        party,
                        article.article(),
                        article.paragraph(),
                        kind.name(),
                        effect.code(),
                        ReservationEffects.values(effect),
                        madeOn,
                        withdrawnOn,
                        reservation.source(),
                        reservation.asOf()),
                clock.instant(),
                actor);
        invalidateAfterCommit();
        return reservation;
    }

    /** Counts for the status report: States by kind, actions by instrument and by source. */
    public Map<String, Long> shippedCounts() {
        var counts = new LinkedHashMap<String, Long>();
        counts.put(
                "states",
                reference.states().all().stream()
                        .filter(s -> s.kind() == RegisteredState.Kind.STATE)
                        .count());
        counts.put(
                "organisations",
                reference.states().all().stream()
                        .filter(s -> s.kind() == RegisteredState.Kind.REIO)
                        .count());
        counts.put("shipped actions", (long) reference.actions().size());
        counts.put("added actions", (long) store.actions().size());
        counts.put("withdrawn records", (long) store.withdrawals().size());
        return counts;
    }

    private void requireKnown(String field, CountryCode state) {
        if (reference.states().find(state).isEmpty()) {
            throw InvalidInput.of(field, "unknown-state", "not a State or organisation in the registry");
        }
    }

    /** Shipped and added records, withdrawn ones included and marked (for lists and audit). */
    private List<TreatyAction> allActions() {
        var all = new ArrayList<>(reference.actions());
        all.addAll(store.actions());
        var withdrawals = store.withdrawals();
        if (withdrawals.isEmpty()) {
            return all;
        }
        return all.stream()
                .map(a -> withdrawals.stream()
                        .filter(w -> w.actionId().isPresent()
                                ? w.actionId().equals(a.id())
                                : a.id().isEmpty()
                                        && w.instrument().equals(a.instrument())
                                        && w.party().equals(a.party())
                                        && w.action() == a.type()
                                        && w.date().equals(a.date())
                                        && w.standing() == a.standing())
                        .findFirst()
                        .map(w -> a.withdrawn(new Withdrawal(
                                w.reason(), w.at(), w.actor() + " (" + w.channel() + ")", w.supersededBy())))
                        .orElse(a))
                .toList();
    }

    /** The records answers rest on: every record not withdrawn. */
    private List<TreatyAction> activeActions() {
        return allActions().stream().filter(TreatyAction::active).toList();
    }

    private Worlds engines() {
        var built = engines;
        while (built == null) {
            synchronized (this) {
                long before = generation.get();
                var fresh = buildEngines();
                if (generation.get() == before) {
                    engines = fresh;
                }
                built = engines;
            }
        }
        return built;
    }

    private void invalidateAfterCommit() {
        Runnable invalidate = () -> {
            generation.incrementAndGet();
            engines = null;
        };
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            invalidate.run();
                        }
                    });
        } else {
            invalidate.run();
        }
    }

    private Worlds buildEngines() {
        var actions = activeActions();
        return new Worlds(
                buildEngines(actions.stream()
                        .filter(a -> !a.party().isUserAssigned())
                        .toList()),
                buildEngines(
                        actions.stream().filter(a -> a.party().isUserAssigned()).toList()),
                loadReservations());
    }

    private Map<String, EntryIntoForce> buildEngines(List<TreatyAction> actions) {
        var engines = new LinkedHashMap<String, EntryIntoForce>();
        for (InstrumentDefinition instrument : reference.catalogue().instruments()) {
            if (instrument.kind().joinedByConsent()) {
                engines.put(
                        instrument.id(),
                        new EntryIntoForce(
                                instrument,
                                actions.stream()
                                        .filter(a -> a.instrument().equals(instrument.id()))
                                        .toList(),
                                reference.states()::isReio));
            }
        }
        return engines;
    }

    private static Optional<LocalDate> optionalDate(String value, String field, List<Violation> violations) {
        if (value == null || value.isBlank() || value.strip().equals("unknown")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.strip()));
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "date-format", "must be a date YYYY-MM-DD"));
            return Optional.empty();
        }
    }

    private static Instrument view(InstrumentDefinition d) {
        return new Instrument(
                d.id(),
                d.kind().code(),
                d.title(),
                d.shortName(),
                d.parent(),
                d.recordedEntryIntoForce(),
                d.source(),
                d.asOf(),
                Catalogue.ruleCitations(d),
                d.articles().values().stream()
                        .sorted(Comparator.comparing((org.comity.treaty.domain.Article a) ->
                                        a.number().length())
                                .thenComparing(org.comity.treaty.domain.Article::number))
                        .map(a -> new Instrument.ArticleEntry(
                                a.number(),
                                a.heading(),
                                a.official(),
                                a.certainty(),
                                a.paragraphs().keySet().stream().sorted().toList()))
                        .toList());
    }
}
