package org.comity.casework.domain;

import static org.comity.accounts.Role.CASEWORKER;
import static org.comity.accounts.Role.LEGAL_REVIEWER;
import static org.comity.accounts.Role.SUPERVISOR;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.comity.accounts.Role;
import org.jspecify.annotations.Nullable;

/**
 * One lifecycle action on a request, as data. Each command's {@link Kind} says once what is otherwise
 * written in many places: its code (the REST path {@code POST /api/requests/{id}/actions/<code>}, the
 * console's action and its label key {@code action.<code>}), who may perform it, whether the
 * counterpart's node may cause it by a message, the states it applies to (the console's action list)
 * and the audit action it records. {@link Request#apply} is the one place a command changes a
 * request; the states' own methods still decide what each transition does, so an illegal transition
 * does not compile there.
 */
public sealed interface Command {

    Kind kind();

    /** The arguments of the audit action ({@link Kind#audit()}), as stored. */
    default List<String> auditArgs() {
        return List.of();
    }

    /** Every command: the closed vocabulary the endpoints, the console and the audit trail derive from. */
    enum Kind {
        PROPOSE_SENDING(
                "propose-sending",
                ProposeSending.class,
                AuditAction.Kind.PROPOSED_SENDING,
                Set.of(CASEWORKER),
                false,
                RequestState.Draft.class),
        APPROVE_SENDING(
                "approve-sending",
                ApproveSending.class,
                AuditAction.Kind.SENT,
                Set.of(SUPERVISOR),
                false,
                RequestState.AwaitingSendApproval.class),
        SEND_BACK_TO_DRAFT(
                "send-back-to-draft",
                SendBackToDraft.class,
                AuditAction.Kind.SENT_BACK_TO_DRAFT,
                Set.of(SUPERVISOR),
                false,
                RequestState.AwaitingSendApproval.class),
        START_REVIEW(
                "start-review",
                StartReview.class,
                AuditAction.Kind.STARTED_REVIEW,
                Set.of(CASEWORKER, LEGAL_REVIEWER, SUPERVISOR),
                false,
                RequestState.Received.class),
        REQUEST_INFORMATION(
                "request-information",
                RequestInformation.class,
                AuditAction.Kind.REQUESTED_INFORMATION,
                Set.of(CASEWORKER, LEGAL_REVIEWER, SUPERVISOR),
                false,
                RequestState.UnderReview.class),
        RECORD_CONSULTATION(
                "record-consultation",
                RecordConsultation.class,
                AuditAction.Kind.RECORDED_CONSULTATION,
                Set.of(CASEWORKER, LEGAL_REVIEWER, SUPERVISOR),
                false,
                RequestState.UnderReview.class),
        INFORMATION_RECEIVED(
                "information-received",
                InformationReceived.class,
                AuditAction.Kind.INFORMATION_RECEIVED,
                Set.of(CASEWORKER, LEGAL_REVIEWER, SUPERVISOR),
                false,
                RequestState.InformationRequested.class),
        RECEIVE_INFORMATION(
                "receive-information",
                ReceiveInformation.class,
                AuditAction.Kind.RECEIVED_INFORMATION,
                Set.of(CASEWORKER, LEGAL_REVIEWER, SUPERVISOR),
                true,
                RequestState.InformationRequested.class),
        DECIDE(
                "decide",
                Decide.class,
                AuditAction.Kind.DECIDED,
                Set.of(LEGAL_REVIEWER, SUPERVISOR),
                false,
                RequestState.UnderReview.class),
        APPROVE_DECISION(
                "approve-decision",
                ApproveDecision.class,
                AuditAction.Kind.APPROVED_DECISION,
                Set.of(SUPERVISOR),
                false,
                RequestState.AwaitingDecisionApproval.class),
        SEND_DECISION_BACK(
                "send-decision-back",
                SendDecisionBack.class,
                AuditAction.Kind.SENT_DECISION_BACK,
                Set.of(SUPERVISOR),
                false,
                RequestState.AwaitingDecisionApproval.class),
        RESUME(
                "resume",
                Resume.class,
                AuditAction.Kind.RESUMED,
                Set.of(LEGAL_REVIEWER, SUPERVISOR),
                false,
                RequestState.Postponed.class),
        START_EXECUTION(
                "start-execution",
                StartExecution.class,
                AuditAction.Kind.STARTED_EXECUTION,
                Set.of(CASEWORKER),
                false,
                RequestState.Granted.class),
        COMPLETE_EXECUTION(
                "complete-execution",
                CompleteExecution.class,
                AuditAction.Kind.EXECUTED,
                Set.of(CASEWORKER),
                false,
                RequestState.Executing.class),
        RECORD_PRESERVATION(
                "record-preservation",
                RecordPreservation.class,
                AuditAction.Kind.PRESERVED,
                Set.of(CASEWORKER),
                false,
                RequestState.Executing.class,
                RequestState.Executed.class),
        RENEW_PRESERVATION(
                "renew-preservation",
                RenewPreservation.class,
                AuditAction.Kind.RENEWED_PRESERVATION,
                Set.of(CASEWORKER),
                false,
                RequestState.Executing.class,
                RequestState.Executed.class),
        RECORD_ACKNOWLEDGEMENT(
                "record-acknowledgement",
                RecordAcknowledgement.class,
                AuditAction.Kind.ACKNOWLEDGED_BY_COUNTERPART,
                Set.of(CASEWORKER, SUPERVISOR),
                true,
                RequestState.Submitted.class),
        RECORD_INFORMATION_REQUEST(
                "record-information-request",
                RecordInformationRequest.class,
                AuditAction.Kind.INFORMATION_ASKED_BY_COUNTERPART,
                Set.of(CASEWORKER, SUPERVISOR),
                true,
                RequestState.AwaitingCounterpart.class),
        ANSWER_INFORMATION(
                "answer-information",
                AnswerInformation.class,
                AuditAction.Kind.ANSWERED_INFORMATION,
                Set.of(CASEWORKER, LEGAL_REVIEWER, SUPERVISOR),
                false,
                RequestState.InformationAsked.class),
        RECORD_COUNTERPART_CONSULTATION(
                "record-counterpart-consultation",
                RecordCounterpartConsultation.class,
                AuditAction.Kind.CONSULTED_BY_COUNTERPART,
                Set.of(CASEWORKER, LEGAL_REVIEWER, SUPERVISOR),
                true,
                RequestState.AwaitingCounterpart.class),
        RECORD_COUNTERPART_DECISION(
                "record-counterpart-decision",
                RecordCounterpartDecision.class,
                AuditAction.Kind.DECIDED_BY_COUNTERPART,
                Set.of(CASEWORKER, SUPERVISOR),
                true,
                RequestState.AwaitingCounterpart.class),
        RECORD_COUNTERPART_EXECUTION(
                "record-counterpart-execution",
                RecordCounterpartExecution.class,
                AuditAction.Kind.EXECUTED_BY_COUNTERPART,
                Set.of(CASEWORKER, SUPERVISOR),
                true,
                RequestState.GrantedByCounterpart.class),
        CLOSE(
                "close",
                Close.class,
                AuditAction.Kind.CLOSED,
                Set.of(CASEWORKER, SUPERVISOR),
                false,
                RequestState.Refused.class,
                RequestState.Executed.class,
                RequestState.RefusedByCounterpart.class,
                RequestState.ExecutedByCounterpart.class),
        WITHDRAW(
                "withdraw",
                Withdraw.class,
                AuditAction.Kind.WITHDRAWN,
                Set.of(CASEWORKER, SUPERVISOR),
                true,
                RequestState.Open.class),
        ASSIGN(
                "assign",
                Assign.class,
                AuditAction.Kind.ASSIGNED,
                Set.of(CASEWORKER, SUPERVISOR),
                false,
                RequestState.Open.class),
        RECORD_COUNTERPART_REFERENCE(
                "record-counterpart-reference",
                RecordCounterpartReference.class,
                AuditAction.Kind.RECORDED_COUNTERPART_REFERENCE,
                Set.of(CASEWORKER, LEGAL_REVIEWER, SUPERVISOR),
                false,
                RequestState.class);

        private final String code;
        private final Class<? extends Command> type;
        private final AuditAction.Kind audit;
        private final Set<Role> performers;
        private final boolean byCounterpart;
        private final List<Class<? extends RequestState>> from;

        @SafeVarargs
        Kind(
                String code,
                Class<? extends Command> type,
                AuditAction.Kind audit,
                Set<Role> performers,
                boolean byCounterpart,
                Class<? extends RequestState>... from) {
            this.code = code;
            this.type = type;
            this.audit = audit;
            this.performers = performers;
            this.byCounterpart = byCounterpart;
            this.from = List.of(from);
        }

        public String code() {
            return code;
        }

        /** The record that carries the command's arguments (what a REST body is read as). */
        public Class<? extends Command> type() {
            return type;
        }

        /**
         * The audit action it records. A few record another of the same step instead or beside it,
         * decided by the transition: a decision waiting for approval is {@code proposed-decision}, a
         * grant on another basis adds {@code on-other-basis}, an execution with evidence is {@code
         * evidence-transmitted} ({@link #audits()}).
         */
        public AuditAction.Kind audit() {
            return audit;
        }

        /** Every audit action the command may record: the vocabulary its audit sentences need. */
        public List<AuditAction.Kind> audits() {
            return switch (this) {
                case DECIDE ->
                    List.of(
                            AuditAction.Kind.DECIDED,
                            AuditAction.Kind.PROPOSED_DECISION,
                            AuditAction.Kind.ON_OTHER_BASIS);
                case APPROVE_DECISION -> List.of(AuditAction.Kind.APPROVED_DECISION, AuditAction.Kind.ON_OTHER_BASIS);
                case COMPLETE_EXECUTION -> List.of(AuditAction.Kind.EXECUTED, AuditAction.Kind.EVIDENCE_TRANSMITTED);
                default -> List.of(audit);
            };
        }

        /** The roles of whoever may perform it on this node. */
        public Set<Role> performers() {
            return performers;
        }

        /** Whether a message from the counterpart's node may cause it (recorded as the node itself). */
        public boolean byCounterpart() {
            return byCounterpart;
        }

        /** Whether the command applies to a request in this state. */
        public boolean appliesTo(RequestState state) {
            return from.stream().anyMatch(type -> type.isInstance(state));
        }

        public boolean mayBePerformedBy(Actor actor) {
            return actor.roles().stream().anyMatch(performers::contains);
        }

        public static Optional<Kind> of(String code) {
            return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
        }

        /** What this actor may do with a request in this state, in lifecycle order: the console's list. */
        public static List<Kind> available(RequestState state, Actor actor) {
            return Arrays.stream(values())
                    .filter(k -> k.appliesTo(state) && k.mayBePerformedBy(actor))
                    .toList();
        }
    }

    /**
     * What some commands need beyond the request and who acts, supplied by the facade and asked for
     * only by the commands that need it (an assessment is run and stored when asked for).
     */
    interface Inputs {
        /** Who wrote a version of the content besides its creator (the audit trail): for four-eyes. */
        Set<String> editors();

        /** The safeguards assessment of the current version, assessed now. */
        Assessment assessment();

        TimeLimits limits();

        /** For the commands that need none of these (the counterpart's, and the simple steps). */
        Inputs NONE = new Inputs() {
            @Override
            public Set<String> editors() {
                throw new IllegalStateException("this command was given no editors");
            }

            @Override
            public Assessment assessment() {
                throw new IllegalStateException("this command was given no assessment");
            }

            @Override
            public TimeLimits limits() {
                throw new IllegalStateException("this command was given no time limits");
            }
        };
    }

    /** Proposes sending a complete draft; a supervisor must approve. */
    record ProposeSending() implements Command {
        @Override
        public Kind kind() {
            return Kind.PROPOSE_SENDING;
        }
    }

    /** Approves sending, as a second user, recording by which channel and on which day (today if none). */
    record ApproveSending(
            @Nullable Channel channel, @Nullable LocalDate transmittedOn) implements Command {
        @Override
        public Kind kind() {
            return Kind.APPROVE_SENDING;
        }
    }

    /** Decides, or proposes the decision for a supervisor's approval when the assessment asks for it. */
    record Decide(@Nullable Decision decision) implements Command {
        @Override
        public Kind kind() {
            return Kind.DECIDE;
        }

        @Override
        public List<String> auditArgs() {
            return decision == null ? List.of() : List.of(decision.outcome());
        }
    }

    /** Approves the proposed decision whose fingerprint the approver was shown. */
    record ApproveDecision(@Nullable String proposal) implements Command {
        @Override
        public Kind kind() {
            return Kind.APPROVE_DECISION;
        }
    }

    record CompleteExecution(boolean evidenceTransmitted) implements Command {
        @Override
        public Kind kind() {
            return Kind.COMPLETE_EXECUTION;
        }
    }

    /** Records that data was preserved, for at least the minimum period. */
    record RecordPreservation(@Nullable Integer requiredDays) implements Command {
        @Override
        public Kind kind() {
            return Kind.RECORD_PRESERVATION;
        }
    }

    record RenewPreservation(@Nullable Integer requiredDays) implements Command {
        @Override
        public Kind kind() {
            return Kind.RENEW_PRESERVATION;
        }
    }

    /** Assigns the request to a user who may see it (checked by the facade, which knows the accounts). */
    record Assign(@Nullable String assignee) implements Command {
        @Override
        public Kind kind() {
            return Kind.ASSIGN;
        }

        @Override
        public List<String> auditArgs() {
            return assignee == null ? List.of() : List.of(assignee);
        }
    }

    /** The other State's reference for the request; blank clears a mistyped one. */
    record RecordCounterpartReference(@Nullable String counterpartReference) implements Command {
        @Override
        public Kind kind() {
            return Kind.RECORD_COUNTERPART_REFERENCE;
        }
    }

    record SendBackToDraft() implements Command {
        @Override
        public Kind kind() {
            return Kind.SEND_BACK_TO_DRAFT;
        }
    }

    /** The information asked for has arrived (by another channel: nothing is recorded of what it said). */
    record InformationReceived() implements Command {
        @Override
        public Kind kind() {
            return Kind.INFORMATION_RECEIVED;
        }
    }

    record SendDecisionBack() implements Command {
        @Override
        public Kind kind() {
            return Kind.SEND_DECISION_BACK;
        }
    }

    record StartReview() implements Command {
        @Override
        public Kind kind() {
            return Kind.START_REVIEW;
        }
    }

    record RequestInformation(String what) implements Command {
        @Override
        public Kind kind() {
            return Kind.REQUEST_INFORMATION;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(what);
        }
    }

    /** A consultation with the requesting State, recorded by this (the requested) side. */
    record RecordConsultation(String with, String summary) implements Command {
        @Override
        public Kind kind() {
            return Kind.RECORD_CONSULTATION;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(with);
        }
    }

    /** The requesting State's answer to the information asked for; the clock runs again. */
    record ReceiveInformation(String answer) implements Command {
        @Override
        public Kind kind() {
            return Kind.RECEIVE_INFORMATION;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(answer);
        }
    }

    record Resume() implements Command {
        @Override
        public Kind kind() {
            return Kind.RESUME;
        }
    }

    record StartExecution() implements Command {
        @Override
        public Kind kind() {
            return Kind.START_EXECUTION;
        }
    }

    /** The requested State's node registered our request under its reference. */
    record RecordAcknowledgement(String reference) implements Command {
        @Override
        public Kind kind() {
            return Kind.RECORD_ACKNOWLEDGEMENT;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(reference);
        }
    }

    /** The requested State asks for more information. */
    record RecordInformationRequest(String what) implements Command {
        @Override
        public Kind kind() {
            return Kind.RECORD_INFORMATION_REQUEST;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(what);
        }
    }

    /** This node answers the requested State's question (sent to it when the request travelled electronically). */
    record AnswerInformation(String answer) implements Command {
        @Override
        public Kind kind() {
            return Kind.ANSWER_INFORMATION;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(answer);
        }
    }

    /** The requested State consulted this node (before refusing or postponing, or on conditions). */
    record RecordCounterpartConsultation(String with, String summary) implements Command {
        @Override
        public Kind kind() {
            return Kind.RECORD_COUNTERPART_CONSULTATION;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(with);
        }
    }

    /** The requested State's decision, whole: outcome, reasons with grounds, conditions, refused part. */
    record RecordCounterpartDecision(Decision decision) implements Command {
        @Override
        public Kind kind() {
            return Kind.RECORD_COUNTERPART_DECISION;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(decision.outcome());
        }
    }

    record RecordCounterpartExecution(boolean evidenceTransmitted) implements Command {
        @Override
        public Kind kind() {
            return Kind.RECORD_COUNTERPART_EXECUTION;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(evidenceTransmitted ? "evidence-transmitted" : "executed");
        }
    }

    record Close() implements Command {
        @Override
        public Kind kind() {
            return Kind.CLOSE;
        }
    }

    record Withdraw(@Nullable String reason) implements Command {
        @Override
        public Kind kind() {
            return Kind.WITHDRAW;
        }

        @Override
        public List<String> auditArgs() {
            return List.of(reason == null ? "" : reason);
        }
    }
}
