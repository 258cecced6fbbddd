package org.comity.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.comity.casework.domain.Fixtures.CASEWORKER;
import static org.comity.casework.domain.Fixtures.REVIEWER;
import static org.comity.casework.domain.Fixtures.SUPERVISING_REVIEWER;
import static org.comity.casework.domain.Fixtures.SUPERVISOR;
import static org.comity.casework.domain.Fixtures.T0;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.comity.casework.domain.Decision.Reason;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.treaty.KindOfAssistance;
import org.junit.jupiter.api.Test;

class RequestLifecycleTest {

    static final TimeLimits LIMITS = Fixtures.limits();

    static Instant at(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    static Request outgoing() {
        return Request.draft(
                        UUID.randomUUID(), KindOfAssistance.STORED_DATA, Fixtures.storedData(), CASEWORKER, T0, LIMITS)
                .request();
    }

    static Request incoming() {
        return Request.registerIncoming(
                        UUID.randomUUID(),
                        KindOfAssistance.STORED_DATA,
                        Fixtures.storedData(),
                        T0,
                        CASEWORKER,
                        T0,
                        LIMITS)
                .request();
    }

    static Consultation consultation(int hour) {
        return new Consultation(at(hour), "lr", "Central Authority of Xanadu", "no conditions would suffice");
    }

    @Test
    void anOutgoingRequestTracksWhatTheRequestedStateDidUntilItIsExecutedAndClosed() {
        var r = outgoing();
        assertThat(r.state()).isInstanceOf(RequestState.Draft.class);
        assertThat(r.version()).isEqualTo(1);

        r = r.proposeSending(CASEWORKER, at(1)).request();
        assertThat(r.state()).isInstanceOf(RequestState.AwaitingSendApproval.class);
        var sent = r.approveSending(SUPERVISOR, java.util.Set.of(), at(2));
        assertThat(sent.events()).containsExactly(new CaseEvent.Submitted(at(2)));
        r = sent.request();
        // The requested State's workflow is not run here.
        var submitted = r;
        assertThatThrownBy(() -> submitted.startReview(at(3)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("transition-not-allowed"));
        assertThatThrownBy(() -> submitted.decide(new Decision.Grant(), Assessment.clear(), REVIEWER, at(3)))
                .isInstanceOf(Conflict.class);

        r = r.apply(new Command.RecordAcknowledgement("XB-MLA-2026-000017"), CASEWORKER, at(3))
                .request();
        assertThat(r.state()).isEqualTo(new RequestState.Acknowledged(at(3), List.of()));
        assertThat(r.correspondence().counterpartReference()).isEqualTo("XB-MLA-2026-000017");
        r = r.apply(new Command.RecordInformationRequest("the account's creation date"), CASEWORKER, at(4))
                .request();
        assertThat(r.deadline().stopped()).as("waiting for this side").isTrue();
        var asked = r;
        assertThatThrownBy(() -> asked.apply(new Command.AnswerInformation(" "), CASEWORKER, at(5)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field() + ":" + v.rule())
                                .containsExactly("answer:answer-required"));
        r = r.apply(new Command.AnswerInformation("5 January 2026"), CASEWORKER, at(5))
                .request();
        assertThat(r.deadline().stopped()).isFalse();
        var decision = new Decision.GrantWithConditions(List.of("used only in the named proceedings"), List.of(), null);
        var decided = r.apply(new Command.RecordCounterpartDecision(decision), CASEWORKER, at(6));
        assertThat(decided.events())
                .as("this side's log records the decision it was told, to be matched with the counterpart's")
                .containsExactly(new CaseEvent.CounterpartDecided(decision, at(6)));
        assertThat(decided.actions()).extracting(AuditAction::code).containsExactly("decided-by-counterpart");
        r = decided.request();
        assertThat(r.state()).isEqualTo(new RequestState.GrantedByCounterpart(decision, at(6), List.of()));
        assertThat(r.awaitingDecision()).isFalse();
        var executed = r.apply(new Command.RecordCounterpartExecution(true), CASEWORKER, at(7));
        assertThat(executed.events()).containsExactly(new CaseEvent.CounterpartExecuted(true, at(7)));
        r = executed.request();
        r = r.close(at(8)).request();
        assertThat(r.state()).isInstanceOf(RequestState.Closed.class);
        assertThat(r.version()).isEqualTo(9);
        assertThat(r.dueAt(at(8))).isEmpty();
    }

    @Test
    void anIncomingRequestGoesFromReviewToGrantedExecutedAndClosed() {
        var r = incoming().startReview(at(1)).request();
        var decided = r.decide(new Decision.Grant(), Assessment.clear(), REVIEWER, at(4));
        assertThat(decided.events()).singleElement().isInstanceOf(CaseEvent.Decided.class);
        r = decided.request().startExecution(at(5)).request();
        var executed = r.completeExecution(true, at(6));
        assertThat(executed.events()).containsExactly(new CaseEvent.Executed(true, at(6)));
        r = executed.request().close(at(7)).request();
        assertThat(r.state()).isInstanceOf(RequestState.Closed.class);
    }

    @Test
    void theRequestingSidesCommandsApplyOnlyWhereTheyAreOffered() {
        var received = incoming();
        assertThatThrownBy(() -> received.apply(new Command.RecordAcknowledgement("XB-1"), CASEWORKER, at(1)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("transition-not-allowed"));
        var sent = outgoing()
                .proposeSending(CASEWORKER, at(1))
                .request()
                .approveSending(SUPERVISOR, java.util.Set.of(), at(2))
                .request();
        assertThat(Command.Kind.available(sent.state(), CASEWORKER))
                .extracting(Command.Kind::code)
                .containsExactly(
                        "record-acknowledgement",
                        "record-information-request",
                        "record-counterpart-consultation",
                        "record-counterpart-decision",
                        "withdraw",
                        "assign",
                        "record-counterpart-reference");
        assertThat(Command.Kind.available(sent.state(), REVIEWER))
                .extracting(Command.Kind::code)
                .containsExactly("record-counterpart-consultation", "record-counterpart-reference");
        assertThatThrownBy(() -> sent.apply(new Command.RecordCounterpartExecution(false), CASEWORKER, at(3)))
                .isInstanceOf(Conflict.class);
        assertThat(sent.version()).isEqualTo(3);
    }

    /** What the facade supplies: here a fixed assessment and no editors. */
    static Command.Inputs inputs(Assessment assessment) {
        return new Command.Inputs() {
            @Override
            public java.util.Set<String> editors() {
                return java.util.Set.of();
            }

            @Override
            public Assessment assessment() {
                return assessment;
            }

            @Override
            public TimeLimits limits() {
                return LIMITS;
            }
        };
    }

    @Test
    void sendingDecidingExecutingAndAssigningAreCommandsWithTheirOwnAuditActions() {
        var barred = new Assessment(true, List.of("legal-basis-in-force"), null);
        assertThatThrownBy(() -> outgoing().apply(new Command.ProposeSending(), CASEWORKER, at(1), inputs(barred)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("contradicts-bar"));
        var proposed = outgoing().apply(new Command.ProposeSending(), CASEWORKER, at(1), inputs(Assessment.clear()));
        assertThat(proposed.actions()).extracting(AuditAction::kind).containsExactly(AuditAction.Kind.PROPOSED_SENDING);
        var sent = proposed.request()
                .apply(new Command.ApproveSending(Channel.PAPER, null), SUPERVISOR, at(2), inputs(Assessment.clear()));
        assertThat(sent.request().state()).isInstanceOf(RequestState.Submitted.class);
        assertThat(sent.request().correspondence().channel()).isEqualTo(Channel.PAPER);

        var review = incoming().startReview(at(1)).request();
        assertThatThrownBy(() -> review.apply(new Command.Decide(null), REVIEWER, at(2), inputs(Assessment.clear())))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("decision-required"));
        var concern = new Assessment(true, null);
        var pending = review.apply(new Command.Decide(new Decision.Grant()), REVIEWER, at(2), inputs(concern));
        assertThat(pending.actions()).extracting(AuditAction::kind).containsExactly(AuditAction.Kind.PROPOSED_DECISION);
        var fingerprint = pending.request().proposalFingerprint().orElseThrow();
        var granted = pending.request()
                .apply(new Command.ApproveDecision(fingerprint), SUPERVISOR, at(3), inputs(concern))
                .request();
        assertThat(granted.state()).isInstanceOf(RequestState.Granted.class);
        var executing =
                granted.apply(new Command.StartExecution(), CASEWORKER, at(4)).request();
        assertThat(executing.offers(Command.Kind.RECORD_PRESERVATION)).isFalse(); // not a preservation request
        var done = executing.apply(new Command.CompleteExecution(true), CASEWORKER, at(5));
        assertThat(done.actions()).extracting(AuditAction::kind).containsExactly(AuditAction.Kind.EVIDENCE_TRANSMITTED);

        var assigned = review.apply(new Command.Assign("reviewer"), CASEWORKER, at(2));
        assertThat(assigned.request().assignee()).contains("reviewer");
        assertThatThrownBy(() -> done.request()
                        .apply(new Command.Close(), CASEWORKER, at(6))
                        .request()
                        .apply(new Command.Assign("reviewer"), CASEWORKER, at(7)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("transition-not-allowed"));
        var referenced = review.apply(new Command.RecordCounterpartReference("XA-MLA-2026-000004"), CASEWORKER, at(2));
        assertThat(referenced.request().correspondence().counterpartReference()).isEqualTo("XA-MLA-2026-000004");
    }

    @Test
    void everyCommandTypeHasExactlyOneKindAndDistinctCodes() {
        assertThat(Arrays.stream(Command.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Command.Kind.values())
                        .map(k -> k.type().getSimpleName())
                        .toList());
        assertThat(Arrays.stream(Command.Kind.values()).map(Command.Kind::code)).doesNotHaveDuplicates();
        assertThat(Arrays.stream(Command.Kind.values()).map(Command.Kind::audit))
                .doesNotHaveDuplicates();
    }

    @Test
    void anIncomingRequestIsRefusedOnlyWithReasonsAndAfterAConsultation() {
        var r = incoming().startReview(at(1)).request();
        var refuse = new Decision.Refuse(
                List.of(new Reason(RefusalGround.PERSECUTION, "the request targets a journalist's sources")));

        assertThatThrownBy(() -> incoming()
                        .startReview(at(1))
                        .request()
                        .decide(new Decision.Refuse(List.of()), Assessment.clear(), REVIEWER, at(2)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.rule())
                                .containsExactly("reasons-required"));
        var unconsulted = r;
        assertThatThrownBy(() -> unconsulted.decide(refuse, Assessment.clear(), REVIEWER, at(2)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("consultation-required"));

        r = r.recordConsultation(consultation(2)).request();
        var refused = r.decide(refuse, Assessment.clear(), REVIEWER, at(3));
        assertThat(refused.request().state()).isInstanceOf(RequestState.Refused.class);
        assertThat(((RequestState.Refused) refused.request().state()).consultations())
                .hasSize(1);
        assertThat(refused.request().close(at(4)).events()).containsExactly(new CaseEvent.Closed(at(4)));
    }

    @Test
    void aBarMakesEveryGrantImpossibleButNotARefusal() {
        var barred =
                new Assessment(true, List.of("offence-within-scope", "pack:content-only-for-grave-offences"), null);
        var r = incoming()
                .startReview(at(1))
                .request()
                .recordConsultation(consultation(1))
                .request();
        for (Decision grant : List.<Decision>of(
                new Decision.Grant(),
                new Decision.GrantWithConditions(List.of("use only for the stated proceedings")),
                new Decision.PartialGrant(
                        "subscriber data only",
                        "content",
                        List.of(new Reason(RefusalGround.NO_DUAL_CRIMINALITY, "content is not available")),
                        null))) {
            assertThatThrownBy(() -> r.decide(grant, barred, REVIEWER, at(2)))
                    .isInstanceOfSatisfying(Conflict.class, e -> {
                        assertThat(e.rule()).isEqualTo("contradicts-bar");
                        assertThat(e.getMessage())
                                .contains("offence-within-scope", "pack:content-only-for-grave-offences");
                    });
        }
        var refused = r.decide(
                new Decision.Refuse(List.of(new Reason(RefusalGround.PERSECUTION, "political prosecution"))),
                barred,
                REVIEWER,
                at(2));
        assertThat(refused.request().state()).isInstanceOf(RequestState.AwaitingDecisionApproval.class);
    }

    @Test
    void postponementNeedsAReasonAFutureDateAndAConsultationAndCanBeResumed() {
        var r = incoming()
                .startReview(at(1))
                .request()
                .recordConsultation(consultation(1))
                .request();
        assertThatThrownBy(() -> r.decide(
                        new Decision.Postpone(" ", LocalDate.parse("2026-01-01")), Assessment.clear(), REVIEWER, at(2)))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.violations()).hasSize(2));
        var postponed = r.decide(
                        new Decision.Postpone("ongoing domestic investigation", LocalDate.parse("2026-06-01")),
                        Assessment.clear(),
                        REVIEWER,
                        at(2))
                .request();
        assertThat(postponed.state().code()).isEqualTo("postponed");
        assertThat(postponed.resume(at(3)).request().state()).isInstanceOf(RequestState.UnderReview.class);
    }

    @Test
    void decisionsWithAGroundOrConcernWaitForASecondSupervisor() {
        var r = incoming().startReview(at(1)).request();
        var proposed = r.decide(
                new Decision.GrantWithConditions(List.of("use only for the stated proceedings")),
                new Assessment(true, "protected role indicator"),
                SUPERVISING_REVIEWER,
                at(2));
        assertThat(proposed.events()).isEmpty();
        var pending = proposed.request();
        assertThat(pending.state()).isInstanceOf(RequestState.AwaitingDecisionApproval.class);

        assertThatThrownBy(() -> pending.approveDecision(
                        SUPERVISING_REVIEWER,
                        java.util.Set.of(),
                        pending.proposalFingerprint().orElse("none"),
                        at(3)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("four-eyes-same-user"));
        assertThatThrownBy(() -> pending.approveDecision(
                        REVIEWER,
                        java.util.Set.of(),
                        pending.proposalFingerprint().orElse("none"),
                        at(3)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("four-eyes-role"));
        var approved = pending.approveDecision(
                SUPERVISOR, java.util.Set.of(), pending.proposalFingerprint().orElse("none"), at(3));
        assertThat(approved.request().state().code()).isEqualTo("granted-with-conditions");
        assertThat(approved.events())
                .containsExactly(new CaseEvent.Decided(
                        new Decision.GrantWithConditions(List.of("use only for the stated proceedings")),
                        "lr2",
                        "sv",
                        at(3)));
        assertThat(pending.sendDecisionBack(at(3)).request().state()).isInstanceOf(RequestState.UnderReview.class);
    }

    @Test
    void whoeverWroteTheContentCannotGiveTheSecondApproval() {
        // A supervisor who edited the draft a caseworker then proposed is not a second pair of eyes.
        var proposed = outgoing().proposeSending(CASEWORKER, at(1)).request();
        assertThatThrownBy(() -> proposed.approveSending(SUPERVISOR, java.util.Set.of("sv"), at(2)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("four-eyes-content-author"));
        assertThat(proposed.approveSending(SUPERVISOR, java.util.Set.of("cw", "someone-else"), at(2))
                        .request()
                        .state())
                .isInstanceOf(RequestState.Submitted.class);

        // Nor is the supervisor who registered the request: the creator counts without being listed.
        var registeredBySupervisor = Request.registerIncoming(
                        UUID.randomUUID(),
                        KindOfAssistance.STORED_DATA,
                        Fixtures.storedData(),
                        T0,
                        SUPERVISOR,
                        T0,
                        LIMITS)
                .request()
                .startReview(at(1))
                .request()
                .decide(new Decision.Grant(), new Assessment(true, "protected role indicator"), REVIEWER, at(2))
                .request();
        assertThatThrownBy(() -> registeredBySupervisor.approveDecision(
                        SUPERVISOR,
                        java.util.Set.of(),
                        registeredBySupervisor.proposalFingerprint().orElse("none"),
                        at(3)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("four-eyes-content-author"));
    }

    @Test
    void sendingNeedsACompleteRequestAndASecondUser() {
        var incomplete = Request.draft(
                        UUID.randomUUID(), KindOfAssistance.STORED_DATA, Fixtures.empty(), CASEWORKER, T0, LIMITS)
                .request();
        assertThatThrownBy(() -> incomplete.proposeSending(CASEWORKER, at(1))).isInstanceOf(InvalidInput.class);

        var proposedBySupervisor = outgoing().proposeSending(SUPERVISOR, at(1)).request();
        assertThatThrownBy(() -> proposedBySupervisor.approveSending(SUPERVISOR, java.util.Set.of(), at(2)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("four-eyes-same-user"));
        assertThat(proposedBySupervisor.sendBackToDraft(at(2)).request().state())
                .isInstanceOf(RequestState.Draft.class);
    }

    @Test
    void everyOpenStateCanBeWithdrawnButNotAClosedOne() {
        List<Function<Request, Request>> steps = List.of(
                r -> r,
                r -> r.proposeSending(CASEWORKER, at(1)).request(),
                r -> r.approveSending(SUPERVISOR, java.util.Set.of(), at(2)).request(),
                r -> r.acknowledgedByCounterpart("XB-17", at(3)).request(),
                r -> r.apply(new Command.RecordInformationRequest("the account's creation date"), CASEWORKER, at(4))
                        .request(),
                r -> r.apply(new Command.AnswerInformation("5 January"), CASEWORKER, at(5))
                        .request(),
                r -> r.apply(new Command.RecordCounterpartDecision(new Decision.Grant()), CASEWORKER, at(6))
                        .request(),
                r -> r.apply(new Command.RecordCounterpartExecution(false), CASEWORKER, at(8))
                        .request());
        var r = outgoing();
        for (var step : steps) {
            r = step.apply(r);
            var withdrawn = r.withdraw("the investigation was closed", at(9));
            assertThat(withdrawn.request().state())
                    .isEqualTo(new RequestState.Withdrawn(r.state().code(), at(9)));
            assertThat(withdrawn.events())
                    .containsExactly(new CaseEvent.Withdrawn(r.state().code(), at(9)));
        }
        var closed = r.close(at(10)).request();
        assertThatThrownBy(() -> closed.withdraw("too late", at(11)))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("transition-not-allowed"));
    }

    @Test
    void illegalTransitionsAreConflictsAndChangeNothing() {
        var draft = outgoing();
        var received = incoming();
        var refused = received.startReview(at(1))
                .request()
                .recordConsultation(consultation(1))
                .request()
                .decide(
                        new Decision.Refuse(List.of(new Reason(RefusalGround.OUT_OF_SCOPE, "not an offence"))),
                        Assessment.clear(),
                        REVIEWER,
                        at(2))
                .request();
        List<Runnable> illegal = List.of(
                () -> draft.decide(new Decision.Grant(), Assessment.clear(), REVIEWER, at(1)),
                () -> draft.startExecution(at(1)),
                () -> draft.close(at(1)),
                () -> draft.startReview(at(1)),
                () -> received.proposeSending(CASEWORKER, at(1)),
                () -> received.updateDraft(Fixtures.empty(), at(1), LIMITS),
                () -> received.approveDecision(
                        SUPERVISOR,
                        java.util.Set.of(),
                        received.proposalFingerprint().orElse("none"),
                        at(1)),
                () -> refused.startExecution(at(3)),
                () -> refused.resume(at(3)),
                () -> received.informationReceived(at(1)));
        for (var transition : illegal) {
            assertThatThrownBy(transition::run)
                    .isInstanceOfSatisfying(
                            Conflict.class, e -> assertThat(e.rule()).isEqualTo("transition-not-allowed"));
        }
        assertThat(draft.state()).isInstanceOf(RequestState.Draft.class);
    }

    /**
     * On the state types themselves, illegal transitions do not exist: {@code new Draft().decide(…)} or
     * {@code refused.startExecution(…)} would not compile. This checks the shape stays that way.
     */
    @Test
    void eachStateTypeOffersOnlyItsLegalTransitions() {
        assertThat(transitionsOf(RequestState.Draft.class)).containsExactlyInAnyOrder("proposeSending", "withdraw");
        assertThat(transitionsOf(RequestState.Received.class)).containsExactlyInAnyOrder("startReview", "withdraw");
        assertThat(transitionsOf(RequestState.UnderReview.class))
                .containsExactlyInAnyOrder("requestInformation", "recordConsultation", "decide", "withdraw");
        assertThat(transitionsOf(RequestState.Refused.class)).containsExactlyInAnyOrder("close", "withdraw");
        assertThat(transitionsOf(RequestState.Granted.class)).containsExactlyInAnyOrder("startExecution", "withdraw");
        assertThat(transitionsOf(RequestState.Submitted.class))
                .containsExactlyInAnyOrder(
                        "acknowledged", "informationAsked", "consultedBy", "decidedByCounterpart", "withdraw");
        assertThat(transitionsOf(RequestState.InformationAsked.class)).containsExactlyInAnyOrder("answer", "withdraw");
        assertThat(transitionsOf(RequestState.GrantedByCounterpart.class))
                .containsExactlyInAnyOrder("executedByCounterpart", "withdraw");
        assertThat(transitionsOf(RequestState.RefusedByCounterpart.class))
                .containsExactlyInAnyOrder("close", "withdraw");
        assertThat(transitionsOf(RequestState.Closed.class)).isEmpty();
        assertThat(transitionsOf(RequestState.Withdrawn.class)).isEmpty();
    }

    private static List<String> transitionsOf(Class<?> state) {
        return Arrays.stream(state.getMethods())
                .filter(m -> m.getReturnType() == Transition.class)
                .map(m -> m.getName())
                .toList();
    }

    @Test
    void theClockStopsWhileInformationIsAwaited() {
        var r = incoming(); // stored data, normal urgency: 60 days from receipt
        assertThat(r.dueAt(T0)).contains(T0.plus(Duration.ofDays(60)));
        r = r.startReview(at(1)).request();
        var waiting = r.requestInformation("the offence's maximum penalty", T0.plus(Duration.ofDays(10)))
                .request();
        assertThat(waiting.deadline().stopped()).isTrue();
        // While the clock is stopped the request cannot be overdue, however long the wait.
        var late = T0.plus(Duration.ofDays(90));
        assertThat(waiting.deadline().overdue(late)).isFalse();
        assertThat(waiting.watch(late, LIMITS)).isEmpty();

        var resumed = waiting.informationReceived(T0.plus(Duration.ofDays(40))).request();
        assertThat(resumed.deadline().stopped()).isFalse();
        assertThat(resumed.dueAt(T0.plus(Duration.ofDays(40)))).contains(T0.plus(Duration.ofDays(90)));

        var missed = resumed.watch(T0.plus(Duration.ofDays(91)), LIMITS).orElseThrow();
        assertThat(missed.events())
                .containsExactly(
                        new CaseEvent.DeadlineMissed(T0.plus(Duration.ofDays(90)), T0.plus(Duration.ofDays(91))));
        // Announced once only.
        assertThat(missed.request().watch(T0.plus(Duration.ofDays(92)), LIMITS)).isEmpty();
    }

    @Test
    void deadlinesDependOnKindAndUrgency() {
        var emergency = Request.draft(
                        UUID.randomUUID(),
                        KindOfAssistance.EMERGENCY_DISCLOSURE,
                        Fixtures.empty(),
                        CASEWORKER,
                        T0,
                        LIMITS)
                .request();
        assertThat(emergency.dueAt(T0)).contains(T0.plus(Duration.ofHours(8)));
        var preservation = Request.draft(
                        UUID.randomUUID(),
                        KindOfAssistance.EXPEDITED_PRESERVATION,
                        Fixtures.empty(),
                        CASEWORKER,
                        T0,
                        LIMITS)
                .request();
        assertThat(preservation.dueAt(T0)).contains(T0.plus(Duration.ofDays(3)));
        // Making the draft urgent shortens its deadline.
        var c = Fixtures.storedData();
        var urgent = new RequestContent(
                c.requestingAuthority(),
                c.requestedAuthority(),
                c.legalBasis(),
                c.offences(),
                c.summaryOfFacts(),
                c.subjects(),
                c.dataSought(),
                c.purpose(),
                new RequestContent.Urgency(RequestContent.Urgency.Level.URGENT, null),
                c.safeguards(),
                c.confidentiality(),
                c.conditions());
        assertThat(preservation.updateDraft(urgent, at(1), LIMITS).request().dueAt(at(1)))
                .contains(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void preservationLastsAtLeastTheMinimumAndWarnsOnceBeforeItLapses() {
        var r = Request.registerIncoming(
                        UUID.randomUUID(),
                        KindOfAssistance.EXPEDITED_PRESERVATION,
                        Fixtures.storedData(),
                        T0,
                        CASEWORKER,
                        T0,
                        LIMITS)
                .request();
        assertThatThrownBy(() -> incoming().recordPreservation(60, at(1), LIMITS))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("not-a-preservation-request"));
        assertThatThrownBy(() -> Request.registerIncoming(
                                UUID.randomUUID(),
                                KindOfAssistance.EXPEDITED_PRESERVATION,
                                Fixtures.storedData(),
                                T0,
                                CASEWORKER,
                                T0,
                                LIMITS)
                        .request()
                        .recordPreservation(60, at(1), LIMITS))
                .isInstanceOfSatisfying(
                        Conflict.class, e -> assertThat(e.rule()).isEqualTo("transition-not-allowed"));

        var executing = r.startReview(at(1))
                .request()
                .decide(new Decision.Grant(), Assessment.clear(), REVIEWER, at(2))
                .request()
                .startExecution(at(3))
                .request();
        assertThatThrownBy(() -> executing.recordPreservation(59, at(4), LIMITS))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations().getFirst().rule()).isEqualTo("preservation-minimum"));
        var preserved = executing.recordPreservation(60, at(4), LIMITS).request();
        var expiry = at(4).plus(Duration.ofDays(60));
        assertThat(preserved.preservation().orElseThrow().expiresAt()).isEqualTo(expiry);

        // Decided, so the response deadline is met; only the preservation is left to watch.
        var executed = preserved.completeExecution(false, at(5)).request();
        assertThat(executed.watch(expiry.minus(Duration.ofDays(11)), LIMITS)).isEmpty();
        var warned = executed.watch(expiry.minus(Duration.ofDays(10)), LIMITS).orElseThrow();
        assertThat(warned.events())
                .containsExactly(new CaseEvent.PreservationExpiring(expiry, expiry.minus(Duration.ofDays(10))));
        assertThat(warned.request().watch(expiry.minus(Duration.ofDays(9)), LIMITS))
                .isEmpty();

        var renewed = warned.request()
                .renewPreservation(60, expiry.minus(Duration.ofDays(5)), LIMITS)
                .request();
        assertThat(renewed.preservation().orElseThrow().renewals()).isEqualTo(1);
        assertThat(renewed.preservation().orElseThrow().warned()).isFalse();
    }
}
