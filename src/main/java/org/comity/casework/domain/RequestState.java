package org.comity.casework.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * Where a request stands. Each state is its own type and offers only the transitions that are legal
 * from it, so an illegal transition does not compile: there is no {@code Draft.decide} and no {@code
 * Refused.startExecution}. Every open state can be withdrawn; closed and withdrawn requests are final.
 *
 * <pre>
 * Draft ─proposeSending→ AwaitingSendApproval ─approve (second user)→ Submitted
 *                         └─sendBack→ Draft
 * (what the requested State did, recorded) Submitted ─acknowledged→ Acknowledged
 * Submitted | Acknowledged | PostponedByCounterpart ─informationAsked→ InformationAsked ─answer→ Acknowledged
 *                                                 ─consultedBy→ Acknowledged
 *                                                 ─decidedByCounterpart→ Granted-|Postponed-|RefusedByCounterpart
 * GrantedByCounterpart ─executedByCounterpart→ ExecutedByCounterpart ─close→ Closed
 * RefusedByCounterpart ─close→ Closed
 * (registered by hand or received) Received ─startReview→ UnderReview
 * UnderReview ─requestInformation→ InformationRequested (clock stopped) ─informationReceived→ UnderReview
 * UnderReview ─recordConsultation→ UnderReview
 * UnderReview ─decide→ Granted | Postponed | Refused, or AwaitingDecisionApproval when the assessment
 *             raised a ground or concern ─approve (second user)→ Granted | Postponed | Refused
 *                                        └─sendBack→ UnderReview
 * Granted ─startExecution→ Executing ─complete→ Executed ─close→ Closed
 * Postponed ─resume→ UnderReview          Refused ─close→ Closed
 * any open state ─withdraw→ Withdrawn
 * </pre>
 */
public sealed interface RequestState {

    /** The stable name of the state, as stored and shown. */
    String code();

    /**
     * Every state's code, in lifecycle order: what a list may be filtered by. A filter naming no state
     * is refused rather than answered with nothing.
     */
    List<String> CODES = List.of(
            "draft",
            "awaiting-send-approval",
            "submitted",
            "acknowledged",
            "information-asked",
            "granted-by-counterpart",
            "postponed-by-counterpart",
            "refused-by-counterpart",
            "executed-by-counterpart",
            "received",
            "under-review",
            "information-requested",
            "awaiting-decision-approval",
            "granted",
            "granted-with-conditions",
            "partially-granted",
            "postponed",
            "refused",
            "executing",
            "executed",
            "evidence-transmitted",
            "closed",
            "withdrawn");

    /** Not yet closed or withdrawn. */
    sealed interface Open extends RequestState {

        default Transition withdraw(Instant at) {
            return Transition.to(new Withdrawn(code(), at), new CaseEvent.Withdrawn(code(), at));
        }
    }

    record Draft() implements Open {
        @Override
        public String code() {
            return "draft";
        }

        public Transition proposeSending(Actor by, Instant at) {
            return Transition.to(new AwaitingSendApproval(by.username(), at));
        }
    }

    record AwaitingSendApproval(String proposedBy, Instant proposedAt) implements Open {
        @Override
        public String code() {
            return "awaiting-send-approval";
        }

        /** @param contentAuthors who wrote a version of the content ({@link FourEyes}) */
        public Transition approve(Actor approver, Set<String> contentAuthors, Instant at) {
            FourEyes.requireSecondApprover(proposedBy, contentAuthors, approver);
            return Transition.to(new Submitted(at), new CaseEvent.Submitted(at));
        }

        public Transition sendBack() {
            return Transition.to(new Draft());
        }
    }

    /**
     * The states of an outgoing request once it has gone: the requested State works on it, and this
     * node only records what it hears of that work (from messages, or typed in from a letter). None of
     * them offers the requested side's workflow: a sent request is not reviewed or decided here.
     */
    sealed interface Requesting extends Open {
        /** What the requested State said when it consulted this node, in order. */
        List<Consultation> consultations();
    }

    /** Sent, and the requested State has not yet decided: it may acknowledge, ask, consult and decide. */
    sealed interface AwaitingCounterpart extends Requesting {

        default Transition informationAsked(String what, Instant at) {
            return Transition.to(new InformationAsked(what, at, consultations()));
        }

        default Transition consultedBy(Consultation consultation) {
            var all = new ArrayList<>(consultations());
            all.add(consultation);
            return Transition.to(new Acknowledged(consultation.at(), all));
        }

        default Transition decidedByCounterpart(Decision decision, Instant at) {
            RequestState next = switch (decision) {
                case Decision.Granting granting -> new GrantedByCounterpart(granting, at, consultations());
                case Decision.Postpone postpone -> new PostponedByCounterpart(postpone, at, consultations());
                case Decision.Refuse refuse -> new RefusedByCounterpart(refuse, at, consultations());
            };
            return Transition.to(next, new CaseEvent.CounterpartDecided(decision, at));
        }
    }

    record Submitted(Instant submittedAt) implements AwaitingCounterpart {
        @Override
        public String code() {
            return "submitted";
        }

        @Override
        public List<Consultation> consultations() {
            return List.of();
        }

        /** The requested State's node registered the request (its reference goes with the correspondence). */
        public Transition acknowledged(Instant at) {
            return Transition.to(new Acknowledged(at, List.of()));
        }
    }

    /** The requested State has the request in hand and has not decided yet. */
    record Acknowledged(Instant since, List<Consultation> consultations) implements AwaitingCounterpart {
        public Acknowledged {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
        }

        @Override
        public String code() {
            return "acknowledged";
        }
    }

    /** The requested State asked for more information; its clock runs again once this node answers. */
    record InformationAsked(String what, Instant askedAt, List<Consultation> consultations) implements Requesting {
        public InformationAsked {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
        }

        @Override
        public String code() {
            return "information-asked";
        }

        public Transition answer(Instant at) {
            return Transition.to(new Acknowledged(at, consultations));
        }
    }

    /** What the requested State decided, as it told this node: its reasons, conditions and refused part. */
    sealed interface CounterpartDecided extends Requesting {
        Decision decision();

        Instant decidedAt();
    }

    record GrantedByCounterpart(Decision.Granting decision, Instant decidedAt, List<Consultation> consultations)
            implements CounterpartDecided {
        public GrantedByCounterpart {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
        }

        @Override
        public String code() {
            return "granted-by-counterpart";
        }

        public Transition executedByCounterpart(boolean evidenceTransmitted, Instant at) {
            return Transition.to(
                    new ExecutedByCounterpart(evidenceTransmitted, at),
                    new CaseEvent.CounterpartExecuted(evidenceTransmitted, at));
        }
    }

    /** Postponed by the requested State: it may still ask, consult and decide. */
    record PostponedByCounterpart(Decision.Postpone decision, Instant decidedAt, List<Consultation> consultations)
            implements CounterpartDecided, AwaitingCounterpart {
        public PostponedByCounterpart {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
        }

        @Override
        public String code() {
            return "postponed-by-counterpart";
        }
    }

    record RefusedByCounterpart(Decision.Refuse decision, Instant decidedAt, List<Consultation> consultations)
            implements CounterpartDecided {
        public RefusedByCounterpart {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
        }

        @Override
        public String code() {
            return "refused-by-counterpart";
        }

        public Transition close(Instant at) {
            return Transition.to(new Closed(at), new CaseEvent.Closed(at));
        }
    }

    record ExecutedByCounterpart(boolean evidenceTransmitted, Instant at) implements Requesting {
        @Override
        public String code() {
            return "executed-by-counterpart";
        }

        @Override
        public List<Consultation> consultations() {
            return List.of();
        }

        public Transition close(Instant at) {
            return Transition.to(new Closed(at), new CaseEvent.Closed(at));
        }
    }

    record Received(Instant receivedAt) implements Open {
        @Override
        public String code() {
            return "received";
        }

        public Transition startReview() {
            return Transition.to(new UnderReview(List.of()));
        }
    }

    record UnderReview(List<Consultation> consultations) implements Open {
        public UnderReview {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
        }

        @Override
        public String code() {
            return "under-review";
        }

        public Transition requestInformation(String what, Instant at) {
            return Transition.to(new InformationRequested(what, at, consultations));
        }

        public Transition recordConsultation(Consultation consultation) {
            var all = new ArrayList<>(consultations);
            all.add(consultation);
            return Transition.to(new UnderReview(all));
        }

        /**
         * Decides, or proposes the decision for a second approval when the assessment raised a ground
         * or concern, or when the grant rests on another basis than the treaty. Refusing or postponing
         * needs a recorded consultation first; granting, in whole or in part, is impossible while the
         * assessment has a bar, unless every bar is one the treaty alone sets ({@link Bars}) and the
         * grant records the other basis it rests on. Reasons may name only the assessment's findings.
         */
        public Transition decide(Decision decision, Assessment assessment, Actor by, Instant at) {
            decision.validate(LocalDate.ofInstant(at, ZoneOffset.UTC));
            var unknown = new ArrayList<Violation>();
            var reasons = decision.reasons();
            for (int i = 0; i < reasons.size(); i++) {
                for (var finding : reasons.get(i).findings()) {
                    if (!assessment.findings().contains(finding)) {
                        unknown.add(new Violation(
                                decision instanceof Decision.Postpone ? "findings" : "reasons[" + i + "].findings",
                                "unknown-finding",
                                "name only findings of the request's assessment (" + finding + " is not one)"));
                    }
                }
            }
            if (!unknown.isEmpty()) {
                throw new InvalidInput(unknown);
            }
            if (decision.needsConsultation() && consultations.isEmpty()) {
                throw new Conflict(
                        "consultation-required",
                        "consult the requesting State and record the consultation before refusing or postponing");
            }
            var otherBasis = decision instanceof Decision.Granting g ? g.otherBasis() : null;
            if (decision instanceof Decision.Granting && assessment.hasBar()) {
                var forbidding = Bars.forbidding(assessment.bars());
                if (!forbidding.isEmpty()) {
                    throw new Conflict(
                            otherBasis == null ? "contradicts-bar" : "bar-not-overridable",
                            "the assessment bars granting this request (" + String.join(", ", assessment.bars())
                                    + "), and no other basis lifts " + String.join(", ", forbidding)
                                    + "; refuse it, or resolve the bar first");
                }
                if (otherBasis == null) {
                    throw new Conflict(
                            "contradicts-bar",
                            "the treaty does not oblige assistance (" + String.join(", ", assessment.bars())
                                    + "); refuse it, resolve the bar, or grant on another basis (reciprocity,"
                                    + " domestic law, another instrument) with reasons and a supervisor's approval");
                }
            }
            if (assessment.groundOrConcern() || otherBasis != null) {
                return Transition.to(
                        new AwaitingDecisionApproval(decision, by.username(), at, consultations, assessment.raised()));
            }
            return decided(decision, by.username(), null, at, consultations);
        }
    }

    record InformationRequested(String what, Instant requestedAt, List<Consultation> consultations) implements Open {
        public InformationRequested {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
        }

        @Override
        public String code() {
            return "information-requested";
        }

        public Transition informationReceived() {
            return Transition.to(new UnderReview(consultations));
        }
    }

    /**
     * A decision proposed and waiting for a second approver.
     *
     * @param answers rule ids of the assessment's bars, grounds and concerns when it was proposed: what
     *     the proposal answers, shown to the approver
     */
    record AwaitingDecisionApproval(
            Decision proposed,
            String proposedBy,
            Instant proposedAt,
            List<Consultation> consultations,
            List<String> answers)
            implements Open {
        public AwaitingDecisionApproval {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
            answers = answers == null ? List.of() : List.copyOf(answers);
        }

        @Override
        public String code() {
            return "awaiting-decision-approval";
        }

        /**
         * The SHA-256 (hex) of the proposal's canonical text: the request, who proposed it and when,
         * everything the decision says and the findings it answers. An approval names it, so what is
         * approved is exactly what the approver was shown; any other proposal has another fingerprint.
         */
        public String fingerprint(java.util.UUID request) {
            var text = new CanonicalText()
                    .add("comity-decision-proposal-1")
                    .add(request.toString())
                    .add(proposedBy)
                    .add(proposedAt.toString())
                    .add(proposed.canonical())
                    .list(answers)
                    .text();
            try {
                var digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(digest);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }

        /**
         * @param contentAuthors who wrote a version of the content ({@link FourEyes})
         * @param fingerprint the fingerprint of the proposal the approver was shown
         */
        public Transition approve(
                Actor approver,
                Set<String> contentAuthors,
                java.util.UUID request,
                @Nullable String fingerprint,
                Instant at) {
            if (fingerprint == null || fingerprint.isBlank()) {
                throw InvalidInput.of(
                        "proposal", "proposal-required", "give the fingerprint of the proposal you approve");
            }
            if (!fingerprint.strip().equalsIgnoreCase(fingerprint(request))) {
                throw new Conflict(
                        "stale-proposal",
                        "the proposal has changed since it was shown to you; read it again and approve what it says now");
            }
            FourEyes.requireSecondApprover(proposedBy, contentAuthors, approver);
            return decided(proposed, proposedBy, approver.username(), at, consultations);
        }

        public Transition sendBack() {
            return Transition.to(new UnderReview(consultations));
        }
    }

    /** A decision has been taken: granted (in whole, with conditions or in part), postponed or refused. */
    sealed interface Decided extends Open {
        Decision decision();

        String decidedBy();

        @Nullable
        String approvedBy();

        Instant decidedAt();
    }

    record Granted(
            Decision.Granting decision,
            String decidedBy,
            @Nullable String approvedBy,
            Instant decidedAt) implements Decided {
        @Override
        public String code() {
            return decision.outcome();
        }

        public Transition startExecution(Instant at) {
            return Transition.to(new Executing(at));
        }
    }

    record Postponed(
            Decision.Postpone decision,
            String decidedBy,
            @Nullable String approvedBy,
            Instant decidedAt,
            List<Consultation> consultations)
            implements Decided {
        public Postponed {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
        }

        @Override
        public String code() {
            return "postponed";
        }

        public Transition resume() {
            return Transition.to(new UnderReview(consultations));
        }
    }

    record Refused(
            Decision.Refuse decision,
            String decidedBy,
            @Nullable String approvedBy,
            Instant decidedAt,
            List<Consultation> consultations)
            implements Decided {
        public Refused {
            consultations = consultations == null ? List.of() : List.copyOf(consultations);
        }

        @Override
        public String code() {
            return "refused";
        }

        public Transition close(Instant at) {
            return Transition.to(new Closed(at), new CaseEvent.Closed(at));
        }
    }

    record Executing(Instant since) implements Open {
        @Override
        public String code() {
            return "executing";
        }

        public Transition complete(boolean evidenceTransmitted, Instant at) {
            return Transition.to(
                    new Executed(evidenceTransmitted, at), new CaseEvent.Executed(evidenceTransmitted, at));
        }
    }

    record Executed(boolean evidenceTransmitted, Instant at) implements Open {
        @Override
        public String code() {
            return evidenceTransmitted ? "evidence-transmitted" : "executed";
        }

        public Transition close(Instant at) {
            return Transition.to(new Closed(at), new CaseEvent.Closed(at));
        }
    }

    record Closed(Instant at) implements RequestState {
        @Override
        public String code() {
            return "closed";
        }
    }

    record Withdrawn(String fromState, Instant at) implements RequestState {
        @Override
        public String code() {
            return "withdrawn";
        }
    }

    private static Transition decided(
            Decision decision,
            String decidedBy,
            @Nullable String approvedBy,
            Instant at,
            List<Consultation> consultations) {
        RequestState next = switch (decision) {
            case Decision.Granting granting -> new Granted(granting, decidedBy, approvedBy, at);
            case Decision.Postpone postpone -> new Postponed(postpone, decidedBy, approvedBy, at, consultations);
            case Decision.Refuse refuse -> new Refused(refuse, decidedBy, approvedBy, at, consultations);
        };
        return Transition.to(next, new CaseEvent.Decided(decision, decidedBy, approvedBy, at));
    }
}
