package org.comity.casework;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.comity.accounts.Account;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.domain.Actor;
import org.comity.casework.domain.Assessment;
import org.comity.casework.domain.AuditAction;
import org.comity.casework.domain.CaseEvent;
import org.comity.casework.domain.Channel;
import org.comity.casework.domain.Command;
import org.comity.casework.domain.Correspondence;
import org.comity.casework.domain.Decision;
import org.comity.casework.domain.Direction;
import org.comity.casework.domain.ReferenceFormat;
import org.comity.casework.domain.RefusalGround;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestState;
import org.comity.casework.domain.TimeLimits;
import org.comity.casework.persistence.JdbcRequests;
import org.comity.casework.persistence.JdbcReviewerFacts;
import org.comity.jurisdiction.Jurisdictions;
import org.comity.safeguards.Finding;
import org.comity.safeguards.ReviewerFacts;
import org.comity.safeguards.Safeguards;
import org.comity.safeguards.StoredAssessment;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Casework: drafting, sending, registering, reviewing, deciding and executing requests. Every change
 * is stored with its audit line and its events in one transaction, so the public log never hears of a
 * change that was not stored, and no change is stored unannounced. A caller that passes the version it
 * saw gets a conflict instead of overwriting someone else's change.
 */
@Component
public class Casework {

    private static final Logger log = LoggerFactory.getLogger(Casework.class);

    private final JdbcRequests store;
    private final Accounts accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TimeLimits limits;
    private final Jurisdictions jurisdictions;
    private final CaseworkProperties properties;
    private final CaseVisibility visibility;
    private final ContentCitations citations;
    private final Safeguards safeguards;
    private final TransactionTemplate savepoint;
    private final TransparencyFeed feed;
    private final ReferenceFormat references;
    private final PairingTokens pairingTokens;
    private final JdbcReviewerFacts reviewerFacts;

    Casework(
            JdbcRequests store,
            Accounts accounts,
            ApplicationEventPublisher events,
            Clock clock,
            TimeLimits limits,
            Jurisdictions jurisdictions,
            CaseworkProperties properties,
            CaseVisibility visibility,
            ContentCitations citations,
            Safeguards safeguards,
            PlatformTransactionManager transactions,
            TransparencyFeed feed,
            ReferenceFormat references,
            PairingTokens pairingTokens,
            JdbcReviewerFacts reviewerFacts) {
        this.reviewerFacts = reviewerFacts;
        this.references = references;
        this.pairingTokens = pairingTokens;
        this.feed = feed;
        this.safeguards = safeguards;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.jurisdictions = jurisdictions;
        this.properties = properties;
        this.visibility = visibility;
        this.citations = citations;
        this.store = store;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * Conduct codes come from the jurisdiction module's vocabulary, so offences compare across States and
     * with prior proceedings.
     */
    private void requireKnownConduct(RequestContent content, @Nullable RequestContent stored) {
        // What the public log could not hold is refused here, when it is written, not when an event
        // of the request is logged (issue 15: a long legal basis was stored, then never logged).
        var problems = new ArrayList<Violation>(TransparencyFeed.unloggable(content, stored));
        var offences = content.offences();
        for (int i = 0; i < offences.size(); i++) {
            problems.addAll(jurisdictions.unknownConduct(
                    "content.offences[" + i + "].conductCategories",
                    offences.get(i).conductCategories()));
        }
        var proceedings = content.priorProceedings();
        for (int i = 0; i < proceedings.size(); i++) {
            problems.addAll(jurisdictions.unknownConduct(
                    "content.priorProceedings[" + i + "].conduct",
                    proceedings.get(i).conduct()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }

    /** What a command acts on: the request and whoever acts, at one moment. */
    @FunctionalInterface
    interface Operation {
        Request.Change apply(Request request, Actor actor, Instant now);
    }

    @Transactional
    public Request draft(KindOfAssistance kind, RequestContent content, String username) {
        requireKind(kind);
        requireKnownConduct(content, null);
        var now = clock.instant();
        var account = account(username);
        var change = Request.draft(UUID.randomUUID(), kind, content, actor(account), now, limits);
        change = change.withRequest(
                store.insert(change.request(), now, account.unit().orElse(null), references));
        record(assessNewVersion(change, username, now), username, null, now);
        return change.request();
    }

    @Transactional
    public Request registerIncoming(
            KindOfAssistance kind, RequestContent content, @Nullable Instant receivedAt, String username) {
        return registerIncoming(kind, content, receivedAt, null, null, username);
    }

    /**
     * Registers a request that arrived by {@code channel} (unknown if null) at {@code receivedAt} (now if
     * null, never in the future), under the other State's {@code counterpartReference}.
     */
    @Transactional
    public Request registerIncoming(
            KindOfAssistance kind,
            RequestContent content,
            @Nullable Instant receivedAt,
            @Nullable Channel channel,
            @Nullable String counterpartReference,
            String username) {
        requireKind(kind);
        requireKnownConduct(content, null);
        var now = clock.instant();
        var reference = Correspondence.counterpartReference(counterpartReference, "counterpartReference");
        var account = account(username);
        var received = receivedAt == null ? now : receivedAt;
        var change = Request.registerIncoming(UUID.randomUUID(), kind, content, received, actor(account), now, limits);
        var arrived = new Correspondence(
                channel, channel == null ? null : LocalDate.ofInstant(received, ZoneOffset.UTC), reference);
        // The new request belongs to the unit of whoever created it, stored with it in one statement.
        change = change.withRequest(store.insert(
                change.request().withCorrespondence(arrived),
                now,
                account.unit().orElse(null),
                references));
        record(assessNewVersion(change, username, now), username, null, now);
        return change.request();
    }

    /** Who registers what arrives through the exchange: the node itself, no user account. */
    static final Actor EXCHANGE = new Actor("exchange", java.util.Set.of());

    /**
     * Registers a request that arrived as an exchange message, as {@link #registerIncoming} does for one
     * typed in (assessed with this node's profiles and pack), owned by no unit.
     */
    @Transactional
    Request registerFromExchange(
            KindOfAssistance kind, RequestContent content, Instant receivedAt, @Nullable String pairing) {
        requireKind(kind);
        requireKnownConduct(content, null);
        var now = clock.instant();
        var change = Request.registerIncoming(UUID.randomUUID(), kind, content, receivedAt, EXCHANGE, now, limits);
        var arrived = new Correspondence(Channel.ELECTRONIC, LocalDate.ofInstant(receivedAt, ZoneOffset.UTC), null);
        change = change.withRequest(store.insert(change.request().withCorrespondence(arrived), now, null, references));
        record(assessNewVersion(change, EXCHANGE.username(), now), EXCHANGE.username(), null, now, pairing);
        return change.request();
    }

    /**
     * The one entry point for lifecycle commands ({@link Command}): the REST endpoints (named for the
     * command, and the older ones kept for compatibility), the console's actions and the exchange's
     * messages all come here. The caller must hold one of the roles the command names (403
     * otherwise), and the request must be one the caller may see.
     */
    // A refused proposal or decision keeps the assessment it ran (a conflict is only ever thrown before
    // the change is stored: by the command itself, or by the store's version check).
    @Transactional(noRollbackFor = Conflict.class)
    public Request perform(UUID id, @Nullable Long expectedVersion, Command command, String username) {
        if (!command.kind().mayBePerformedBy(actor(username))) {
            throw new org.springframework.security.access.AccessDeniedException("only "
                    + command.kind().performers() + " may " + command.kind().code());
        }
        var assignee = command instanceof Command.Assign assign ? assignable(assign.assignee()) : null;
        return change(id, expectedVersion, username, (r, a, now) -> {
            // Whoever works on a request must be able to see it: an assignee from another unit would
            // be given a case the unit rule hides from them, and its name and subjects with it.
            if (assignee != null && !visibility.maySee(assignee, r.id())) {
                throw InvalidInput.of(
                        "assignee",
                        "assignee-unit",
                        "assign the request to a user of its unit (or to one who sees every unit)");
            }
            return r.apply(command, a, now, inputs(r, a.username(), now));
        });
    }

    /** What the commands may ask for beyond the request, each worked out only when asked. */
    private Command.Inputs inputs(Request request, String username, Instant now) {
        return new Command.Inputs() {
            @Override
            public java.util.Set<String> editors() {
                return Casework.this.editors(request);
            }

            @Override
            public Assessment assessment() {
                return assess(request, username, now)
                        .map(StoredAssessment::assessment)
                        .map(Casework::forDecision)
                        .orElseGet(Assessment::unavailable);
            }

            @Override
            public TimeLimits limits() {
                return limits;
            }
        };
    }

    /** An enabled account with a working role, or the problem with the {@code assignee} field. */
    private Account assignable(@Nullable String assignee) {
        var account = assignee == null ? Optional.<Account>empty() : accounts.find(assignee);
        if (account.isEmpty()) {
            throw InvalidInput.of("assignee", "unknown-user", "assign the request to an existing user");
        }
        if (!account.get().enabled()
                || !(account.get().has(Role.CASEWORKER)
                        || account.get().has(Role.LEGAL_REVIEWER)
                        || account.get().has(Role.SUPERVISOR))) {
            throw InvalidInput.of(
                    "assignee", "assignee-role", "assign to an enabled caseworker, legal reviewer or supervisor");
        }
        return account.get();
    }

    /** What this user may do with the request now: the console's action list, derived from the commands. */
    public List<Command.Kind> actions(Request request, String username) {
        return accounts.find(username)
                .map(account -> java.util.Arrays.stream(Command.Kind.values())
                        .filter(k -> request.offers(k) && k.mayBePerformedBy(actor(account)))
                        .toList())
                .orElse(List.of());
    }

    /**
     * Records what the counterpart's node said in a message, as the node itself, in the caller's
     * transaction (the inbox's, so the receipt is only given for a message recorded). Only commands
     * a counterpart may cause are accepted.
     */
    @Transactional
    Request recordFromCounterpart(UUID id, Command command, @Nullable String pairing) {
        if (!command.kind().byCounterpart()) {
            throw new IllegalArgumentException(command.kind().code() + " is not caused by a counterpart's message");
        }
        var request = get(id);
        var now = clock.instant();
        var change = request.apply(command, EXCHANGE, now);
        store.update(change.request(), now);
        record(change, EXCHANGE.username(), request.state().code(), now, pairing);
        return change.request();
    }

    /** Records the other State's reference for the request (blank clears it). */
    @Transactional
    public Request recordCounterpartReference(
            UUID id, @Nullable Long expectedVersion, @Nullable String counterpartReference, String username) {
        return perform(id, expectedVersion, new Command.RecordCounterpartReference(counterpartReference), username);
    }

    @Transactional
    public Request updateDraft(UUID id, long expectedVersion, RequestContent content, String username) {
        return change(id, expectedVersion, username, true, (r, a, now) -> {
            requireKnownConduct(content, r.content());
            return r.updateDraft(content, now, limits);
        });
    }

    /**
     * Assesses the version a change creates and stores the assessment, so the safeguards history holds
     * one for every version (a request that names no two States is not assessed).
     *
     * <p>It runs inside the change's transaction but behind a savepoint, and its failure does not undo
     * the change. A new version is a caseworker's edit or the registration of a request that arrived, a
     * legal fact whose deadline runs whatever our engine does; refusing to store either because the
     * engine failed would lose work or hide a received request. Nothing is decided on the strength of
     * this assessment: sending and deciding assess the version again and fail if the engine does, and
     * viewing a version without an assessment assesses it. The failure is not silent either: it is
     * logged and the audit line of the change says the version was not assessed.
     */
    private Request.Change assessNewVersion(Request.Change change, String username, Instant now) {
        try {
            // Version 1 is the request just created under a new id: no reviewer facts can name it yet.
            boolean created = change.fromVersion() == 0;
            savepoint.executeWithoutResult(status -> assess(change.request(), username, now, created));
            return change;
        } catch (RuntimeException e) {
            log.error(
                    "Safeguards assessment of request {} version {} failed; the change is kept unassessed",
                    change.request().id(),
                    change.request().version(),
                    e);
            return change.unassessed();
        }
    }

    /**
     * Proposes sending a complete draft. The version is assessed (and the assessment stored, even when
     * sending is refused); a request the assessment bars cannot be sent as it stands.
     */
    @Transactional(noRollbackFor = Conflict.class)
    public Request proposeSending(UUID id, @Nullable Long expectedVersion, String username) {
        return perform(id, expectedVersion, new Command.ProposeSending(), username);
    }

    @Transactional
    public Request approveSending(UUID id, @Nullable Long expectedVersion, String username) {
        return approveSending(id, expectedVersion, null, null, username);
    }

    /** Approves sending, recording by which channel and on which day (today if none) it is transmitted. */
    @Transactional
    public Request approveSending(
            UUID id,
            @Nullable Long expectedVersion,
            @Nullable Channel channel,
            @Nullable LocalDate transmittedOn,
            String username) {
        return perform(id, expectedVersion, new Command.ApproveSending(channel, transmittedOn), username);
    }

    @Transactional
    public Request sendBackToDraft(UUID id, @Nullable Long expectedVersion, String username) {
        return perform(id, expectedVersion, new Command.SendBackToDraft(), username);
    }

    @Transactional
    public Request startReview(UUID id, @Nullable Long expectedVersion, String username) {
        return perform(id, expectedVersion, new Command.StartReview(), username);
    }

    @Transactional
    public Request requestInformation(UUID id, @Nullable Long expectedVersion, String what, String username) {
        return perform(id, expectedVersion, new Command.RequestInformation(what), username);
    }

    @Transactional
    public Request informationReceived(UUID id, @Nullable Long expectedVersion, String username) {
        return perform(id, expectedVersion, new Command.InformationReceived(), username);
    }

    @Transactional
    public Request recordConsultation(
            UUID id, @Nullable Long expectedVersion, String with, String summary, String username) {
        return perform(id, expectedVersion, new Command.RecordConsultation(with, summary), username);
    }

    /**
     * Decides, or proposes the decision for a second approval. The version under review is assessed and
     * the assessment stored (even when the decision is refused): a ground or concern requires a second
     * approver, a bar makes any grant impossible. The caller has no say in either.
     */
    @Transactional(noRollbackFor = Conflict.class)
    public Request decide(UUID id, @Nullable Long expectedVersion, Decision decision, String username) {
        return perform(id, expectedVersion, new Command.Decide(decision), username);
    }

    /**
     * The latest assessment of the request's current version, assessing (and storing) it if it has none;
     * empty when the request names no two States to assess.
     */
    @Transactional
    public Optional<StoredAssessment> assessment(UUID id, String username) {
        var request = get(id);
        var latest = safeguards.latest(id, request.version());
        if (latest.isPresent()) {
            return latest;
        }
        return assess(request, username, clock.instant());
    }

    private Optional<StoredAssessment> assess(Request request, String username, Instant now) {
        return assess(request, username, now, false);
    }

    /** @param created the request was created in this transaction, so it has no reviewer facts to read */
    private Optional<StoredAssessment> assess(Request request, String username, Instant now, boolean created) {
        return SafeguardsInput.of(request, day(now), this::lawOf)
                .map(input -> created
                        ? input
                        : input.withReviewer(reviewerFacts
                                .of(request.id())
                                .map(f -> f.within(
                                        input.offences().size(),
                                        input.subjects().size()))
                                .orElse(null)))
                .map(input -> safeguards.assess(input, username));
    }

    /**
     * Records what the reviewer knows about the request beside its content ({@link ReviewerFacts}),
     * replacing what was recorded before: a new version, audited in codes, and assessed with the facts.
     * Entries must name offences and subjects the request has.
     */
    @Transactional
    public Request recordReviewerFacts(UUID id, @Nullable Long expectedVersion, ReviewerFacts facts, String username) {
        return change(id, expectedVersion, username, true, (r, a, now) -> {
            var problems = facts.problems(
                    r.content().offences().size(), r.content().subjects().size());
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
            reviewerFacts.put(r.id(), facts, a.username(), now);
            return r.recordReviewerFacts(facts.summary(), now);
        });
    }

    /** What the reviewer recorded about the request; none when nothing was. */
    public ReviewerFacts reviewerFacts(UUID id) {
        get(id);
        return reviewerFacts.of(id).orElse(ReviewerFacts.NONE);
    }

    /** The requesting State's offences covering the conduct: their flags, and whether any can mean death. */
    private SafeguardsInput.OffenceLaw lawOf(
            org.comity.shared.CountryCode state, java.util.Set<org.comity.jurisdiction.ConductCode> conduct) {
        var offences = jurisdictions.profile(state).stream()
                .flatMap(p -> p.offences().stream())
                .filter(o -> conduct.stream().anyMatch(o::covers))
                .toList();
        var flags = java.util.EnumSet.noneOf(org.comity.jurisdiction.OffenceFlag.class);
        offences.forEach(o -> flags.addAll(o.flags()));
        boolean death =
                offences.stream().anyMatch(o -> o.maxPenalty() instanceof org.comity.jurisdiction.MaxPenalty.Death);
        return new SafeguardsInput.OffenceLaw(flags, death);
    }

    private static Assessment forDecision(org.comity.safeguards.Assessment assessment) {
        var bars = assessment.bars().stream().map(Finding::rule).distinct().toList();
        var raised = assessment.findings().stream()
                .filter(f -> f.severity() != org.comity.safeguards.Severity.NOTE)
                .map(Finding::rule)
                .distinct()
                .toList();
        var findings =
                assessment.findings().stream().map(Finding::rule).distinct().toList();
        return new Assessment(assessment.groundOrConcern(), bars, null, raised, findings);
    }

    /**
     * Approves the proposed decision whose fingerprint the approver was shown ({@link
     * Request#proposalFingerprint}): none is a 422 {@code proposal-required}, another proposal's a 409
     * {@code stale-proposal}.
     */
    @Transactional
    public Request approveDecision(
            UUID id, @Nullable Long expectedVersion, @Nullable String fingerprint, String username) {
        return perform(id, expectedVersion, new Command.ApproveDecision(fingerprint), username);
    }

    /** Everyone who wrote a version of the request's content, as its audit trail says. */
    private java.util.Set<String> editors(Request request) {
        var editors = new java.util.TreeSet<String>();
        for (var line : store.auditTrail(request.id())) {
            if (AuditAction.wroteContent(line.actions(), line.action())) {
                editors.add(line.actor());
            }
        }
        return editors;
    }

    @Transactional
    public Request sendDecisionBack(UUID id, @Nullable Long expectedVersion, String username) {
        return perform(id, expectedVersion, new Command.SendDecisionBack(), username);
    }

    @Transactional
    public Request resume(UUID id, @Nullable Long expectedVersion, String username) {
        return perform(id, expectedVersion, new Command.Resume(), username);
    }

    @Transactional
    public Request startExecution(UUID id, @Nullable Long expectedVersion, String username) {
        return perform(id, expectedVersion, new Command.StartExecution(), username);
    }

    @Transactional
    public Request completeExecution(
            UUID id, @Nullable Long expectedVersion, boolean evidenceTransmitted, String username) {
        return perform(id, expectedVersion, new Command.CompleteExecution(evidenceTransmitted), username);
    }

    @Transactional
    public Request recordPreservation(UUID id, @Nullable Long expectedVersion, int days, String username) {
        return perform(id, expectedVersion, new Command.RecordPreservation(days), username);
    }

    @Transactional
    public Request renewPreservation(UUID id, @Nullable Long expectedVersion, int days, String username) {
        return perform(id, expectedVersion, new Command.RenewPreservation(days), username);
    }

    @Transactional
    public Request close(UUID id, @Nullable Long expectedVersion, String username) {
        return perform(id, expectedVersion, new Command.Close(), username);
    }

    @Transactional
    public Request withdraw(UUID id, @Nullable Long expectedVersion, String reason, String username) {
        return perform(id, expectedVersion, new Command.Withdraw(reason), username);
    }

    @Transactional
    public Request assign(UUID id, @Nullable Long expectedVersion, String assignee, String username) {
        return perform(id, expectedVersion, new Command.Assign(assignee), username);
    }

    /** Content problems with the article each rule rests on, for showing them to people. */
    public List<Violation> cited(List<Violation> problems) {
        return citations.cite(problems);
    }

    /**
     * Writes the references of requests numbered by migration before references existed, at start, so
     * that they follow this node's configured format.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    @Transactional
    public void writeMissingReferences() {
        int written = store.writeMissingReferences(references);
        if (written > 0) {
            log.info("Wrote the references of {} requests numbered before references existed", written);
        }
    }

    /** The request, if the current user may see it; another unit's request is "not found". */
    public Request get(UUID id) {
        return store.find(id).filter(r -> visibility.maySee(r.id())).orElseThrow(() -> new NotFound("request"));
    }

    public Page<Request> list(RequestQuery query) {
        return store.list(query, visibility.confinedTo());
    }

    public List<AuditEntry> auditTrail(UUID id) {
        get(id);
        return store.auditTrail(id);
    }

    @Transactional
    public Comment comment(UUID id, String body, String username) {
        get(id);
        if (body == null || body.isBlank() || body.length() > 10_000) {
            throw InvalidInput.of("body", "comment-length", "1 to 10000 characters");
        }
        return store.addComment(id, clock.instant(), username, body.strip());
    }

    public List<Comment> comments(UUID id) {
        get(id);
        return store.comments(id);
    }

    public List<UUID> needingAttention(Instant now, Duration preservationWarning) {
        return store.needingAttention(now, preservationWarning);
    }

    /** Announces a missed deadline or a lapsing preservation of one request; false if there was none. */
    @Transactional
    public boolean watch(UUID id) {
        var now = clock.instant();
        Optional<Request.Change> change = get(id).watch(now, limits);
        change.ifPresent(c -> {
            store.update(c.request(), now);
            record(c, "system", c.request().state().code(), now);
        });
        return change.isPresent();
    }

    private Request change(UUID id, @Nullable Long expectedVersion, String username, Operation operation) {
        return change(id, expectedVersion, username, false, operation);
    }

    private Request change(
            UUID id, @Nullable Long expectedVersion, String username, boolean assessNewVersion, Operation operation) {
        var request = get(id);
        if (expectedVersion != null && expectedVersion != request.version()) {
            throw new Conflict(
                    "stale-version",
                    "the request is at version " + request.version() + ", not " + expectedVersion
                            + "; reload it and try again");
        }
        var now = clock.instant();
        Request.Change change;
        try {
            change = operation.apply(request, actor(username), now);
        } catch (InvalidInput e) {
            throw new InvalidInput(citations.cite(e.violations()));
        }
        store.update(change.request(), now);
        if (assessNewVersion) {
            change = assessNewVersion(change, username, now);
        }
        record(change, username, request.state().code(), now);
        return change.request();
    }

    private void record(Request.Change change, String username, @Nullable String fromState, Instant now) {
        record(change, username, fromState, now, null);
    }

    /**
     * @param received the pairing token of the exchange message that made the change (that brought an
     *     incoming request, or a counterpart's step), which this side's entry of it carries too
     */
    private void record(
            Request.Change change,
            String username,
            @Nullable String fromState,
            Instant now,
            @Nullable String received) {
        var request = change.request();
        store.audit(
                request.id(),
                now,
                username,
                change.action(),
                change.actions(),
                change.assessmentFailed(),
                change.fromVersion(),
                fromState,
                request.state().code());
        var facts = RequestFacts.of(request);
        String sending = null;
        for (CaseEvent event : change.events()) {
            if (event instanceof CaseEvent.Decided decided) {
                reportPersecutionRefusal(request, decided.decision());
            }
            var pairing = pairing(request, facts, event, received);
            if (pairing != null && received == null && !(event instanceof CaseEvent.Submitted)) {
                sending = pairing;
            }
            var published = publicEvent(facts, event, pairing);
            var type = TransparencyFeed.eventType(published);
            if (type.isPresent()) {
                // The entry goes to the log's outbox in this transaction: the change and its entry are
                // stored together or not at all, and nothing here waits for the log writer.
                var disclose = disclosure(request, now);
                var record = store.savePublicRecord(facts.eventId(type.get().code()), request, now, disclose);
                feed.enqueue(published, record, disclose);
            }
            events.publishEvent(published);
        }
        // Told synchronously, in this transaction: what the counterpart must hear goes to the exchange
        // outbox with the change, or neither is stored.
        events.publishEvent(new RequestChanged(change, username, sending));
    }

    /**
     * Tells the safeguards engine that an incoming request was refused, in whole or in part, on
     * persecution grounds, so the requesting State's next requests are assessed with that record. Called
     * directly in the decision's transaction rather than through an event listener, since safeguards
     * cannot listen to casework without a dependency cycle (casework already asks it for assessments);
     * the decision and the record stand or fall together. Safeguards keeps one record per request and
     * ignores a second report. Outgoing requests are our own: another State's refusal says nothing
     * about the State that asks us.
     */
    private void reportPersecutionRefusal(Request request, Decision decision) {
        if (request.direction() != Direction.INCOMING
                || !refusalGrounds(decision).contains(RefusalGround.PERSECUTION.code())) {
            return;
        }
        var requesting = request.content().requestingAuthority();
        if (requesting == null || requesting.state() == null) {
            return; // cannot happen: an incoming request is registered with its requesting State
        }
        var requested = request.content().requestedAuthority();
        safeguards.recordPersecutionRefusal(
                request.id(),
                requesting.state(),
                requested == null || requested.state() == null ? TransparencyFeed.UNKNOWN_STATE : requested.state());
    }

    /**
     * From when the confidential record behind a public log entry may be revealed: the request's own
     * confidentiality end date, or else a fixed period after the event (critics rightly object to
     * confidentiality without an end).
     */
    java.time.LocalDate disclosure(Request request, Instant now) {
        var today = day(now);
        var confidentiality = request.content().confidentiality();
        if (confidentiality != null
                && confidentiality.endsOn() != null
                && !confidentiality.endsOn().isBefore(today)) {
            return confidentiality.endsOn();
        }
        return today.plus(properties.disclosureAfter());
    }

    /**
     * The pairing token the event's entry carries, so the monitor can match it with the other side's
     * entry of the same event: every event one side announces to the other by a message carries that
     * message's token on both logs. A fresh one for a request sent over the exchange, and for a
     * decision or execution (on the requested side) or a withdrawal (on the requesting side) of a
     * request that travelled, which {@link CaseExchange} sends in the message; the message's own when a
     * message brought the event here. None for what the other side never hears of by a message.
     */
    private @Nullable String pairing(Request request, RequestFacts facts, CaseEvent event, @Nullable String received) {
        return switch (event) {
            case CaseEvent.Submitted e -> pairingTokens.forSending(facts).orElse(null);
            case CaseEvent.Received e -> received;
            case CaseEvent.CounterpartDecided e -> received;
            case CaseEvent.CounterpartExecuted e -> received;
            case CaseEvent.Decided e -> received != null ? received : stepToken(request, true);
            case CaseEvent.Executed e -> received != null ? received : stepToken(request, true);
            case CaseEvent.Withdrawn e -> received != null ? received : stepToken(request, false);
            case CaseEvent.Closed e -> null;
            case CaseEvent.DeadlineMissed e -> null;
            case CaseEvent.PreservationExpiring e -> null;
        };
    }

    private @Nullable String stepToken(Request request, boolean incoming) {
        if ((request.direction() == Direction.INCOMING) != incoming) {
            return null;
        }
        return pairingTokens.forStep(request.id(), incoming).orElse(null);
    }

    private static Object publicEvent(RequestFacts facts, CaseEvent event, @Nullable String pairing) {
        return switch (event) {
            case CaseEvent.Submitted e -> new RequestSubmitted(facts, day(e.at()), pairing);
            case CaseEvent.Received e -> new RequestReceived(facts, day(e.at()), pairing);
            case CaseEvent.Decided e ->
                new RequestDecided(
                        facts,
                        e.decision().outcome(),
                        refusalGrounds(e.decision()),
                        e.approvedBy() != null,
                        day(e.at()),
                        otherBasis(e.decision()),
                        pairing);
            // The requesting side's record of what the requested State told it: whether a second person
            // approved it there is not said in the decision message.
            case CaseEvent.CounterpartDecided e ->
                new RequestDecided(
                        facts,
                        e.decision().outcome(),
                        refusalGrounds(e.decision()),
                        false,
                        day(e.at()),
                        otherBasis(e.decision()),
                        pairing);
            case CaseEvent.Executed e -> new RequestExecuted(facts, e.evidenceTransmitted(), day(e.at()), pairing);
            case CaseEvent.CounterpartExecuted e ->
                new RequestExecuted(facts, e.evidenceTransmitted(), day(e.at()), pairing);
            case CaseEvent.Closed e -> new RequestClosed(facts, day(e.at()));
            case CaseEvent.Withdrawn e -> new RequestWithdrawn(facts, e.fromState(), day(e.at()), pairing);
            case CaseEvent.DeadlineMissed e -> new DeadlineMissed(facts, e.dueAt(), day(e.detectedAt()));
            case CaseEvent.PreservationExpiring e -> new PreservationExpiring(facts, e.expiresAt());
        };
    }

    private static @Nullable String otherBasis(Decision decision) {
        return decision instanceof Decision.Granting g
                        && g.otherBasis() != null
                        && g.otherBasis().kind() != null
                ? g.otherBasis().kind().code()
                : null;
    }

    static java.util.Set<String> refusalGrounds(Decision decision) {
        var reasons = switch (decision) {
            case Decision.Refuse refuse -> refuse.reasons();
            case Decision.PartialGrant partial -> partial.reasons();
            case Decision.Grant grant -> List.<Decision.Reason>of();
            case Decision.GrantWithConditions conditions -> List.<Decision.Reason>of();
            case Decision.Postpone postpone -> List.<Decision.Reason>of();
        };
        var grounds = new TreeSet<String>();
        reasons.forEach(r -> grounds.add(r.ground().code()));
        return grounds;
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private Actor actor(String username) {
        return actor(account(username));
    }

    /** The acting user's account; for an API call, the one its token check loaded (no second query). */
    private Account account(String username) {
        return accounts.acting(username).orElseThrow(() -> new NotFound("account"));
    }

    private static Actor actor(Account account) {
        return new Actor(account.username(), account.roles());
    }

    private static void requireKind(@Nullable KindOfAssistance kind) {
        if (kind == null) {
            throw InvalidInput.of("kind", "kind-required", "choose the kind of assistance");
        }
    }

    /**
     * The decision standing on a request: its decided state, or, once a grant is being executed or has
     * been, the grant as decided (the lifecycle's later states do not hold it).
     *
     * @throws NotFound when the current user may not see the request
     */
    public java.util.Optional<RequestState.Decided> standingDecision(UUID id) {
        var request = get(id);
        return switch (request.state()) {
            case RequestState.Decided decided -> java.util.Optional.of(decided);
            case RequestState.Executing e -> store.lastGrant(id).map(RequestState.Decided.class::cast);
            case RequestState.Executed e -> store.lastGrant(id).map(RequestState.Decided.class::cast);
            default -> java.util.Optional.empty();
        };
    }
}
