package org.comity.casework.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.casework.domain.RequestState.AwaitingDecisionApproval;
import org.comity.casework.domain.RequestState.AwaitingSendApproval;
import org.comity.casework.domain.RequestState.Draft;
import org.comity.casework.domain.RequestState.Executed;
import org.comity.casework.domain.RequestState.Executing;
import org.comity.casework.domain.RequestState.Granted;
import org.comity.casework.domain.RequestState.InformationRequested;
import org.comity.casework.domain.RequestState.Postponed;
import org.comity.casework.domain.RequestState.Received;
import org.comity.casework.domain.RequestState.Refused;
import org.comity.casework.domain.RequestState.UnderReview;
import org.comity.shared.Conflict;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;
import org.jspecify.annotations.Nullable;

/**
 * One request, sent or received: the aggregate. It is immutable; each operation checks that the
 * current state allows it, delegates to that state's transition and returns the changed request with
 * the events the change emits and the action for the audit trail. The version counts stored changes
 * and makes concurrent edits detectable.
 */
public final class Request {

    private final UUID id;
    private final long version;
    private final Direction direction;
    private final KindOfAssistance kind;
    private final RequestContent content;
    private final RequestState state;
    private final DeadlineClock deadline;
    private final @Nullable Preservation preservation;
    private final @Nullable String assignee;
    private final String createdBy;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final @Nullable String reference;
    private final Correspondence correspondence;

    public Request(
            UUID id,
            long version,
            Direction direction,
            KindOfAssistance kind,
            RequestContent content,
            RequestState state,
            DeadlineClock deadline,
            @Nullable Preservation preservation,
            @Nullable String assignee,
            String createdBy,
            Instant createdAt,
            Instant updatedAt) {
        this(
                id,
                version,
                direction,
                kind,
                content,
                state,
                deadline,
                preservation,
                assignee,
                createdBy,
                createdAt,
                updatedAt,
                null,
                Correspondence.NONE);
    }

    /**
     * A request with this node's human reference ({@code null} until the store allocates it) and how it
     * travelled.
     */
    public Request(
            UUID id,
            long version,
            Direction direction,
            KindOfAssistance kind,
            RequestContent content,
            RequestState state,
            DeadlineClock deadline,
            @Nullable Preservation preservation,
            @Nullable String assignee,
            String createdBy,
            Instant createdAt,
            Instant updatedAt,
            @Nullable String reference,
            Correspondence correspondence) {
        if (id == null || direction == null || kind == null || content == null || state == null) {
            throw new IllegalArgumentException("a request has an id, direction, kind, content and state");
        }
        if (preservation != null && !kind.preserves()) {
            throw new IllegalArgumentException("only a preservation request preserves data");
        }
        this.id = id;
        this.version = version;
        this.direction = direction;
        this.kind = kind;
        this.content = content;
        this.state = state;
        this.deadline = deadline;
        this.preservation = preservation;
        this.assignee = assignee;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.reference = reference;
        this.correspondence = correspondence == null ? Correspondence.NONE : correspondence;
    }

    /** The same request with the reference the store allocated to it when it was first stored. */
    public Request withReference(String allocated) {
        return new Request(
                id,
                version,
                direction,
                kind,
                content,
                state,
                deadline,
                preservation,
                assignee,
                createdBy,
                createdAt,
                updatedAt,
                allocated,
                correspondence);
    }

    /** How the request travelled and how the other State names it. */
    public Correspondence correspondence() {
        return correspondence;
    }

    /** Records how a request arriving now came (part of its registration, not a change of its own). */
    public Request withCorrespondence(Correspondence arrived) {
        if (version != 1) {
            throw new IllegalStateException("only a request being registered takes its correspondence this way");
        }
        return withCorrespondenceOf(arrived);
    }

    /** Records the other State's reference for this request; blank clears a mistyped one. */
    public Change recordCounterpartReference(@Nullable String counterpartReference, Instant at) {
        var next = copy(content, state, deadline, preservation, assignee, at)
                .withCorrespondenceOf(correspondence.withCounterpartReference(counterpartReference));
        return new Change(
                next,
                AuditAction.Kind.RECORDED_COUNTERPART_REFERENCE.with(
                        counterpartReference == null ? "—" : counterpartReference),
                List.of());
    }

    /**
     * A new version for what the reviewer recorded beside the content (kept by casework in its own
     * table): the content is unchanged, the version is assessed again with the facts.
     *
     * @param summary the facts in codes ({@code ReviewerFacts.summary()})
     */
    public Change recordReviewerFacts(String summary, Instant at) {
        return new Change(
                copy(content, state, deadline, preservation, assignee, at),
                AuditAction.Kind.RECORDED_REVIEWER_FACTS.with(summary),
                List.of());
    }

    private Request withCorrespondenceOf(Correspondence changed) {
        return new Request(
                id,
                version,
                direction,
                kind,
                content,
                state,
                deadline,
                preservation,
                assignee,
                createdBy,
                createdAt,
                updatedAt,
                reference,
                changed);
    }

    /**
     * This node's human reference ({@code XA-MLA-2026-000123}), allocated once and never changed; the
     * id stays the technical identifier. Absent only before the request is first stored.
     */
    public Optional<String> reference() {
        return Optional.ofNullable(reference);
    }

    /**
     * A changed request (its version one higher), what to record in the audit trail, what to announce.
     * Most changes do one thing; the watch may say two at once. {@code assessmentFailed} marks a new
     * version the safeguards engine could not assess (the change is kept all the same).
     */
    public record Change(Request request, List<AuditAction> actions, boolean assessmentFailed, List<CaseEvent> events) {
        public Change {
            actions = List.copyOf(actions);
            events = List.copyOf(events);
            if (actions.isEmpty()) {
                throw new IllegalArgumentException("a change does something");
            }
        }

        Change(Request request, AuditAction action, List<CaseEvent> events) {
            this(request, List.of(action), false, events);
        }

        /** The audit line in English, as stored since before actions had codes. */
        public String action() {
            return AuditAction.english(actions, assessmentFailed);
        }

        /** The same change of the request as stored (with what the store added, such as its reference). */
        public Change withRequest(Request stored) {
            if (!stored.id().equals(request.id()) || stored.version() != request.version()) {
                throw new IllegalArgumentException("not the request this change made");
            }
            return new Change(stored, actions, assessmentFailed, events);
        }

        public Change unassessed() {
            return new Change(request, actions, true, events);
        }

        public long fromVersion() {
            return request.version() - 1;
        }
    }

    /** A new outgoing request; drafts may be incomplete. Its clock starts now: emergencies count from the start. */
    public static Change draft(
            UUID id, KindOfAssistance kind, RequestContent content, Actor by, Instant at, TimeLimits limits) {
        var deadline = DeadlineClock.start(at, limits.responseTime(kind, content.urgencyLevel()));
        var request = new Request(
                id, 1, Direction.OUTGOING, kind, content, new Draft(), deadline, null, null, by.username(), at, at);
        return new Change(request, AuditAction.Kind.CREATED_DRAFT.with(), List.of());
    }

    /**
     * An incoming request entered by hand (from paper or another channel). It is registered even when
     * incomplete, since missing contents are for the reviewer to weigh ({@link #contentProblems}); only
     * the requesting State is needed to know who is asking.
     */
    public static Change registerIncoming(
            UUID id,
            KindOfAssistance kind,
            RequestContent content,
            Instant receivedAt,
            Actor by,
            Instant at,
            TimeLimits limits) {
        var problems = new ArrayList<Violation>();
        if (content.requestingAuthority() == null
                || content.requestingAuthority().state() == null) {
            problems.add(
                    new Violation("content.requestingAuthority.state", "state-required", "give the requesting State"));
        }
        if (receivedAt.isAfter(at)) {
            problems.add(new Violation("receivedAt", "received-in-future", "a request cannot arrive in the future"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        var deadline = DeadlineClock.start(receivedAt, limits.responseTime(kind, content.urgencyLevel()));
        var request = new Request(
                id,
                1,
                Direction.INCOMING,
                kind,
                content,
                new Received(receivedAt),
                deadline,
                null,
                null,
                by.username(),
                at,
                at);
        return new Change(
                request, AuditAction.Kind.REGISTERED_INCOMING.with(), List.of(new CaseEvent.Received(receivedAt)));
    }

    public Change updateDraft(RequestContent newContent, Instant at, TimeLimits limits) {
        expect(Draft.class, "edit");
        var clock = deadline.allow(limits.responseTime(kind, newContent.urgencyLevel()), at);
        return new Change(
                copy(newContent, state, clock, preservation, assignee, at),
                AuditAction.Kind.EDITED_DRAFT.with(),
                List.of());
    }

    /** Sending needs complete contents; all problems are listed at once. */
    public Change proposeSending(Actor by, Instant at) {
        var draft = expect(Draft.class, "send");
        ContentRules.require(kind, content, LocalDate.ofInstant(at, ZoneOffset.UTC));
        return apply(draft.proposeSending(by, at), AuditAction.Kind.PROPOSED_SENDING.with(), at);
    }

    /**
     * Proposes sending after the content is found complete, then assesses the version (the assessment
     * is stored even when sending is refused): a request the assessment bars cannot be sent as it
     * stands (409 {@code contradicts-bar}).
     */
    private Change proposeSending(Actor by, Instant at, Command.Inputs inputs) {
        var change = proposeSending(by, at);
        var bars = inputs.assessment().bars();
        if (!bars.isEmpty()) {
            throw new Conflict(
                    "contradicts-bar",
                    "the assessment bars sending this request (" + String.join(", ", bars)
                            + "); resolve the bar first");
        }
        return change;
    }

    /**
     * @param editors who edited the content since it was created (from the audit trail); the creator
     *     counts as an author whether listed or not
     */
    public Change approveSending(Actor approver, Set<String> editors, Instant at) {
        return approveSending(approver, editors, null, null, at);
    }

    /**
     * Approves sending and records how the request is transmitted: by which channel, on which day
     * (today unless said), never after today. Without a channel nothing about the transmission is
     * recorded.
     */
    public Change approveSending(
            Actor approver, Set<String> editors, @Nullable Channel by, @Nullable LocalDate transmittedOn, Instant at) {
        var today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        if (transmittedOn != null && by == null) {
            throw InvalidInput.of(
                    "channel", "channel-required", "one of PAPER, EMAIL, DIPLOMATIC, NETWORK_24_7, ELECTRONIC");
        }
        if (transmittedOn != null && transmittedOn.isAfter(today)) {
            throw InvalidInput.of("transmittedOn", "date-in-future", "not after today (" + today + ")");
        }
        var change = apply(
                expect(AwaitingSendApproval.class, "approve sending").approve(approver, authors(editors), at),
                AuditAction.Kind.SENT.with(),
                at);
        if (by == null) {
            return change;
        }
        var sent = change.request()
                .withCorrespondenceOf(
                        correspondence.withTransmission(by, transmittedOn == null ? today : transmittedOn));
        return change.withRequest(sent);
    }

    public Change sendBackToDraft(Instant at) {
        return apply(new Command.SendBackToDraft(), new Actor(createdBy, Set.of()), at);
    }

    /**
     * Performs one lifecycle command: the one entry the facade's {@code perform} calls. The command's
     * kind must apply to the current state (409 {@code transition-not-allowed} otherwise); its
     * arguments are checked, all problems at once; the state's own method makes the transition, and
     * the audit action is the kind's, with the command's arguments. Who may perform it is the
     * facade's to check ({@link Command.Kind#performers()}), since only it knows who is asking.
     */
    public Change apply(Command command, Actor by, Instant at) {
        return apply(command, by, at, Command.Inputs.NONE);
    }

    /**
     * As {@link #apply(Command, Actor, Instant)}, with what some commands need beyond the request: the
     * content's editors (four-eyes), the assessment (sending, deciding), the time limits (preservation).
     */
    public Change apply(Command command, Actor by, Instant at, Command.Inputs inputs) {
        if (!command.kind().appliesTo(state)) {
            throw notAllowed(command.kind().code().replace('-', ' ') + " on");
        }
        return switch (command) {
            case Command.ProposeSending c -> proposeSending(by, at, inputs);
            case Command.ApproveSending c -> approveSending(by, inputs.editors(), c.channel(), c.transmittedOn(), at);
            case Command.Decide c -> {
                if (c.decision() == null) {
                    throw InvalidInput.of("decision", "decision-required", "give the decision");
                }
                yield decide(c.decision(), inputs.assessment(), by, at);
            }
            case Command.ApproveDecision c -> approveDecision(by, inputs.editors(), c.proposal(), at);
            case Command.CompleteExecution c -> completeExecution(c.evidenceTransmitted(), at);
            case Command.RecordPreservation c -> recordPreservation(days(c.requiredDays()), at, inputs.limits());
            case Command.RenewPreservation c -> renewPreservation(days(c.requiredDays()), at, inputs.limits());
            case Command.Assign c -> {
                if (ContentRule.blank(c.assignee())) {
                    throw InvalidInput.of("assignee", "unknown-user", "assign the request to an existing user");
                }
                yield assign(c.assignee(), at);
            }
            case Command.RecordCounterpartReference c ->
                recordCounterpartReference(
                        Correspondence.counterpartReference(c.counterpartReference(), "counterpartReference"), at);
            // The others record their kind's audit action: step's switch names each of them.
            default -> step(command, by, at);
        };
    }

    /**
     * Whether the command may be offered on this request now: its kind applies to the state, and for
     * preservation, the request preserves data and is (or is not yet) preserved.
     */
    public boolean offers(Command.Kind command) {
        if (!command.appliesTo(state)) {
            return false;
        }
        return switch (command) {
            case RECORD_PRESERVATION -> kind.preserves() && preservation == null;
            case RENEW_PRESERVATION -> kind.preserves() && preservation != null;
            default -> true;
        };
    }

    private static int days(@Nullable Integer days) {
        if (days == null) {
            throw InvalidInput.of("requiredDays", "days-required", "say for how many days the data is preserved");
        }
        return days;
    }

    /** The steps whose audit action is their kind's, with the command's arguments. */
    private Change step(Command command, Actor by, Instant at) {
        var problems = new ArrayList<Violation>();
        Transition transition = switch (command) {
            case Command.SendBackToDraft c ->
                expect(AwaitingSendApproval.class, "send back").sendBack();
            case Command.StartReview c ->
                expect(Received.class, "start the review of").startReview();
            case Command.InformationReceived c ->
                expect(InformationRequested.class, "record information for").informationReceived();
            case Command.SendDecisionBack c ->
                expect(AwaitingDecisionApproval.class, "send back a decision on")
                        .sendBack();
            case Command.RequestInformation c -> {
                required(problems, c.what(), "what", "information-required", "say what information is needed");
                yield expect(UnderReview.class, "request information on").requestInformation(c.what(), at);
            }
            case Command.RecordConsultation c -> {
                required(problems, c.with(), "with", "consulted-party-required", "say whom you consulted");
                required(
                        problems,
                        c.summary(),
                        "summary",
                        "consultation-summary-required",
                        "summarise the consultation");
                yield problems.isEmpty()
                        ? expect(UnderReview.class, "record a consultation on")
                                .recordConsultation(new Consultation(at, by.username(), c.with(), c.summary()))
                        : null;
            }
            case Command.ReceiveInformation c -> {
                required(problems, c.answer(), "answer", "answer-required", "give the information received");
                yield expect(InformationRequested.class, "record information for")
                        .informationReceived();
            }
            case Command.Resume c -> expect(Postponed.class, "resume").resume();
            case Command.StartExecution c -> expect(Granted.class, "execute").startExecution(at);
            case Command.RecordAcknowledgement c -> {
                if (ContentRule.blank(c.reference())) {
                    problems.add(new Violation("reference", "reference-required", "give the counterpart's reference"));
                } else {
                    Correspondence.counterpartReference(c.reference(), "reference");
                }
                yield expect(RequestState.Submitted.class, "record an acknowledgement of")
                        .acknowledged(at);
            }
            case Command.RecordInformationRequest c -> {
                required(problems, c.what(), "what", "information-required", "say what information is asked for");
                yield expect(RequestState.AwaitingCounterpart.class, "record a request for information on")
                        .informationAsked(c.what(), at);
            }
            case Command.AnswerInformation c -> {
                required(problems, c.answer(), "answer", "answer-required", "give the answer");
                yield expect(RequestState.InformationAsked.class, "answer information on")
                        .answer(at);
            }
            case Command.RecordCounterpartConsultation c -> {
                required(problems, c.with(), "with", "consulted-party-required", "say who consulted you");
                required(
                        problems,
                        c.summary(),
                        "summary",
                        "consultation-summary-required",
                        "summarise the consultation");
                yield problems.isEmpty()
                        ? expect(RequestState.AwaitingCounterpart.class, "record a consultation on")
                                .consultedBy(new Consultation(at, by.username(), c.with(), c.summary()))
                        : null;
            }
            case Command.RecordCounterpartDecision c -> {
                if (c.decision() == null) {
                    throw InvalidInput.of("decision", "decision-required", "give the counterpart's decision");
                }
                yield expect(RequestState.AwaitingCounterpart.class, "record a decision on")
                        .decidedByCounterpart(c.decision(), at);
            }
            case Command.RecordCounterpartExecution c ->
                expect(RequestState.GrantedByCounterpart.class, "record the execution of")
                        .executedByCounterpart(c.evidenceTransmitted(), at);
            case Command.Close c ->
                switch (state) {
                    case Refused refused -> refused.close(at);
                    case Executed executed -> executed.close(at);
                    case RequestState.RefusedByCounterpart refused -> refused.close(at);
                    case RequestState.ExecutedByCounterpart executed -> executed.close(at);
                    default -> throw notAllowed("close");
                };
            case Command.Withdraw c -> {
                required(problems, c.reason(), "reason", "reason-required", "say why the request is withdrawn");
                yield expect(RequestState.Open.class, "withdraw").withdraw(at);
            }
            case Command.ProposeSending c -> throw ownAudit(c);
            case Command.ApproveSending c -> throw ownAudit(c);
            case Command.Decide c -> throw ownAudit(c);
            case Command.ApproveDecision c -> throw ownAudit(c);
            case Command.CompleteExecution c -> throw ownAudit(c);
            case Command.RecordPreservation c -> throw ownAudit(c);
            case Command.RenewPreservation c -> throw ownAudit(c);
            case Command.Assign c -> throw ownAudit(c);
            case Command.RecordCounterpartReference c -> throw ownAudit(c);
        };
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        var change = apply(transition, new AuditAction(command.kind().audit().code(), command.auditArgs()), at);
        if (command instanceof Command.RecordAcknowledgement c) {
            return change.withRequest(change.request()
                    .withCorrespondenceOf(correspondence.withCounterpartReference(
                            c.reference().strip())));
        }
        return change;
    }

    private static IllegalStateException ownAudit(Command command) {
        return new IllegalStateException(command.kind().code() + " records its own audit action (apply)");
    }

    private static void required(
            List<Violation> problems, @Nullable String value, String field, String rule, String message) {
        if (ContentRule.blank(value)) {
            problems.add(new Violation(field, rule, message));
        }
    }

    public Change startReview(Instant at) {
        return apply(new Command.StartReview(), new Actor(createdBy, Set.of()), at);
    }

    public Change requestInformation(String what, Instant at) {
        return apply(new Command.RequestInformation(what), new Actor(createdBy, Set.of()), at);
    }

    public Change informationReceived(Instant at) {
        return apply(new Command.InformationReceived(), new Actor(createdBy, Set.of()), at);
    }

    public Change recordConsultation(Consultation consultation) {
        return apply(
                new Command.RecordConsultation(consultation.with(), consultation.summary()),
                new Actor(consultation.recordedBy(), Set.of()),
                consultation.at());
    }

    public Change decide(Decision decision, Assessment assessment, Actor by, Instant at) {
        var transition = expect(UnderReview.class, "decide").decide(decision, assessment, by, at);
        var action = transition.next() instanceof AwaitingDecisionApproval
                ? AuditAction.Kind.PROPOSED_DECISION.with(decision.outcome())
                : AuditAction.Kind.DECIDED.with(decision.outcome());
        if (decision instanceof Decision.Granting granting && granting.otherBasis() != null) {
            var basis = granting.otherBasis().kind();
            var onOtherBasis = AuditAction.Kind.ON_OTHER_BASIS.with(
                    basis == null ? "" : basis.code(), String.join(", ", assessment.bars()));
            var change = apply(transition, action, at);
            return new Change(change.request(), List.of(action, onOtherBasis), false, change.events());
        }
        return apply(transition, action, at);
    }

    /**
     * @param editors as for {@link #approveSending}
     * @param fingerprint of the proposal the approver was shown ({@link #proposalFingerprint})
     */
    public Change approveDecision(Actor approver, Set<String> editors, @Nullable String fingerprint, Instant at) {
        var pending = expect(AwaitingDecisionApproval.class, "approve a decision on");
        var action = AuditAction.Kind.APPROVED_DECISION.with(pending.proposed().outcome());
        var change = apply(pending.approve(approver, authors(editors), id, fingerprint, at), action, at);
        if (pending.proposed() instanceof Decision.Granting granting && granting.otherBasis() != null) {
            var basis = granting.otherBasis().kind();
            var bars = pending.answers().stream().filter(Bars::treatyOnly).toList();
            var onOtherBasis =
                    AuditAction.Kind.ON_OTHER_BASIS.with(basis == null ? "" : basis.code(), String.join(", ", bars));
            return new Change(change.request(), List.of(action, onOtherBasis), false, change.events());
        }
        return change;
    }

    /** The fingerprint of the decision awaiting approval, which an approval must name; empty otherwise. */
    public java.util.Optional<String> proposalFingerprint() {
        return state instanceof AwaitingDecisionApproval pending
                ? java.util.Optional.of(pending.fingerprint(id))
                : java.util.Optional.empty();
    }

    /** Who wrote a version of the content: its creator and these editors. */
    private Set<String> authors(Set<String> editors) {
        var authors = new java.util.TreeSet<>(editors);
        authors.add(createdBy);
        return authors;
    }

    public Change sendDecisionBack(Instant at) {
        return apply(new Command.SendDecisionBack(), new Actor(createdBy, Set.of()), at);
    }

    public Change resume(Instant at) {
        return apply(new Command.Resume(), new Actor(createdBy, Set.of()), at);
    }

    public Change startExecution(Instant at) {
        return apply(new Command.StartExecution(), new Actor(createdBy, Set.of()), at);
    }

    public Change completeExecution(boolean evidenceTransmitted, Instant at) {
        return apply(
                expect(Executing.class, "complete the execution of").complete(evidenceTransmitted, at),
                (evidenceTransmitted ? AuditAction.Kind.EVIDENCE_TRANSMITTED : AuditAction.Kind.EXECUTED).with(),
                at);
    }

    public Change close(Instant at) {
        return apply(new Command.Close(), new Actor(createdBy, Set.of()), at);
    }

    public Change withdraw(String reason, Instant at) {
        if (!(state instanceof RequestState.Open)) {
            throw notAllowed("withdraw");
        }
        return apply(new Command.Withdraw(reason), new Actor(createdBy, Set.of()), at);
    }

    public Change assign(String newAssignee, Instant at) {
        if (!(state instanceof RequestState.Open)) {
            throw notAllowed("assign");
        }
        return new Change(
                copy(content, state, deadline, preservation, newAssignee, at),
                AuditAction.Kind.ASSIGNED.with(newAssignee),
                List.of());
    }

    /**
     * Records that the requested State's node registered this outgoing request under {@code reference}
     * (its acknowledgement message, or a letter): the counterpart's step is tracked, not performed here.
     */
    public Change acknowledgedByCounterpart(String reference, Instant at) {
        return apply(new Command.RecordAcknowledgement(reference), new Actor(createdBy, Set.of()), at);
    }

    /** Records that data was preserved, for at least the minimum period. */
    public Change recordPreservation(int days, Instant at, TimeLimits limits) {
        preservationAllowed();
        if (preservation != null) {
            throw new Conflict("already-preserved", "the data is already preserved; renew the preservation instead");
        }
        var preserved = PreservationPeriod.preserve(at, days, limits);
        return new Change(
                copy(content, state, deadline, preserved, assignee, at),
                AuditAction.Kind.PRESERVED.with(preserved.expiresAt().toString()),
                List.of());
    }

    public Change renewPreservation(int days, Instant at, TimeLimits limits) {
        preservationAllowed();
        if (preservation == null) {
            throw new Conflict("not-preserved", "nothing is preserved yet");
        }
        var renewed = PreservationPeriod.renew(preservation, at, days, limits);
        return new Change(
                copy(content, state, deadline, renewed, assignee, at),
                AuditAction.Kind.RENEWED_PRESERVATION.with(renewed.expiresAt().toString()),
                List.of());
    }

    /**
     * Announces, once each, a missed deadline and a preservation about to lapse. Empty when there is
     * nothing new to say, so the caller stores nothing.
     */
    public Optional<Change> watch(Instant now, TimeLimits limits) {
        if (!(state instanceof RequestState.Open)) {
            return Optional.empty();
        }
        var events = new ArrayList<CaseEvent>();
        var actions = new ArrayList<AuditAction>();
        var clock = deadline;
        if (awaitingDecision() && deadline.overdue(now) && !deadline.missReported()) {
            events.add(new CaseEvent.DeadlineMissed(deadline.dueAt(now), now));
            actions.add(AuditAction.Kind.DEADLINE_MISSED.with());
            clock = deadline.withMissReported(true);
        }
        var preserved = preservation;
        if (preservation != null
                && !preservation.warned()
                && !now.isBefore(preservation.expiresAt().minus(limits.preservationWarning()))) {
            events.add(new CaseEvent.PreservationExpiring(preservation.expiresAt(), now));
            actions.add(AuditAction.Kind.PRESERVATION_EXPIRING.with(
                    preservation.expiresAt().toString()));
            preserved = new Preservation(
                    preservation.preservedAt(), preservation.expiresAt(), preservation.renewals(), true);
        }
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Change(copy(content, state, clock, preserved, assignee, now), actions, false, events));
    }

    /**
     * Whether the request still waits for a decision. A decision answers the request, so the response
     * deadline can only be missed before it.
     */
    public boolean awaitingDecision() {
        return state instanceof RequestState.Open
                && !(state instanceof RequestState.Decided)
                && !(state instanceof RequestState.CounterpartDecided)
                && !(state instanceof RequestState.ExecutedByCounterpart)
                && !(state instanceof Executing)
                && !(state instanceof Executed);
    }

    /** What the request lacks for its kind; empty when it is complete. */
    public List<Violation> contentProblems(LocalDate today) {
        return ContentRules.check(kind, content, today);
    }

    /** The other State: the requested State of an outgoing request, the requesting State of an incoming one. */
    public Optional<CountryCode> counterpart() {
        var authority = direction == Direction.OUTGOING ? content.requestedAuthority() : content.requestingAuthority();
        return Optional.ofNullable(authority).map(RequestContent.Authority::state);
    }

    /** The due date of an open request; none once it is closed or withdrawn. */
    public Optional<Instant> dueAt(Instant now) {
        return state instanceof RequestState.Open ? Optional.of(deadline.dueAt(now)) : Optional.empty();
    }

    private Change apply(Transition transition, AuditAction action, Instant at) {
        var next = transition.next();
        var clock = deadline;
        // The clock stops while information is awaited and runs again once it has arrived.
        if (next instanceof InformationRequested || next instanceof RequestState.InformationAsked) {
            clock = clock.stop(at);
        } else if (state instanceof InformationRequested || state instanceof RequestState.InformationAsked) {
            clock = clock.resume(at);
        }
        return new Change(copy(content, next, clock, preservation, assignee, at), action, transition.events());
    }

    private Request copy(
            RequestContent newContent,
            RequestState newState,
            DeadlineClock clock,
            @Nullable Preservation newPreservation,
            @Nullable String newAssignee,
            Instant at) {
        return new Request(
                id,
                version + 1,
                direction,
                kind,
                newContent,
                newState,
                clock,
                newPreservation,
                newAssignee,
                createdBy,
                createdAt,
                at,
                reference,
                correspondence);
    }

    private void preservationAllowed() {
        if (!kind.preserves()) {
            throw new Conflict("not-a-preservation-request", "only a preservation request preserves data");
        }
        if (!(state instanceof Executing) && !(state instanceof Executed)) {
            throw notAllowed("record preservation on");
        }
    }

    private <S extends RequestState> S expect(Class<S> type, String action) {
        if (!type.isInstance(state)) {
            throw notAllowed(action);
        }
        return type.cast(state);
    }

    private Conflict notAllowed(String action) {
        return new Conflict("transition-not-allowed", "cannot " + action + " a request that is " + state.code());
    }

    public UUID id() {
        return id;
    }

    public long version() {
        return version;
    }

    public Direction direction() {
        return direction;
    }

    public KindOfAssistance kind() {
        return kind;
    }

    public RequestContent content() {
        return content;
    }

    public RequestState state() {
        return state;
    }

    public DeadlineClock deadline() {
        return deadline;
    }

    public Optional<Preservation> preservation() {
        return Optional.ofNullable(preservation);
    }

    public Optional<String> assignee() {
        return Optional.ofNullable(assignee);
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
