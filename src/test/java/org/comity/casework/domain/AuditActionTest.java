package org.comity.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.comity.casework.domain.Fixtures.CASEWORKER;
import static org.comity.casework.domain.Fixtures.REVIEWER;
import static org.comity.casework.domain.Fixtures.SUPERVISING_REVIEWER;
import static org.comity.casework.domain.Fixtures.SUPERVISOR;
import static org.comity.casework.domain.Fixtures.T0;
import static org.comity.casework.domain.RequestLifecycleTest.at;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.comity.casework.domain.Decision.Reason;
import org.comity.treaty.KindOfAssistance;
import org.junit.jupiter.api.Test;

/**
 * Every change says what it did as a code with arguments, and its English sentence is still the one
 * the audit trail stored before codes existed (the sentences below are copied from that version).
 */
class AuditActionTest {

    static final TimeLimits LIMITS = RequestLifecycleTest.LIMITS;

    private final List<AuditAction.Kind> seen = new ArrayList<>();

    @Test
    void everyTransitionCarriesACodeAndTheSentenceItAlwaysHad() {
        var draft = Request.draft(
                UUID.randomUUID(), KindOfAssistance.STORED_DATA, Fixtures.storedData(), CASEWORKER, T0, LIMITS);
        var r = expect(draft, "created draft", "created-draft");
        r = expect(r.updateDraft(Fixtures.storedData(), at(1), LIMITS), "edited draft", "edited-draft");
        r = expect(r.proposeSending(CASEWORKER, at(1)), "proposed sending", "proposed-sending");
        expect(r.sendBackToDraft(at(2)), "sent back to draft", "sent-back-to-draft");
        r = expect(r.approveSending(SUPERVISOR, java.util.Set.of(), at(2)), "sent", "sent");
        var acknowledged = expect(
                r.acknowledgedByCounterpart("XB-2026-17", at(3)),
                "acknowledged by counterpart as XB-2026-17",
                "acknowledged-by-counterpart",
                "XB-2026-17");
        // The counterpart's step is tracked: this side records it, it does not perform it.
        assertThat(acknowledged.state()).isEqualTo(new RequestState.Acknowledged(at(3), List.of()));
        assertThat(acknowledged.version()).isEqualTo(r.version() + 1);
        var asked = expect(
                acknowledged.apply(new Command.RecordInformationRequest("the date"), CASEWORKER, at(3)),
                "counterpart asked for information: the date",
                "information-asked-by-counterpart",
                "the date");
        expect(
                asked.apply(new Command.AnswerInformation("5 January"), CASEWORKER, at(3)),
                "answered the counterpart: 5 January",
                "answered-information",
                "5 January");
        var consulted = expect(
                acknowledged.apply(
                        new Command.RecordCounterpartConsultation("Central Authority of XB", "on conditions"),
                        CASEWORKER,
                        at(3)),
                "consulted by Central Authority of XB",
                "consulted-by-counterpart",
                "Central Authority of XB");
        var granted = expect(
                consulted.apply(new Command.RecordCounterpartDecision(new Decision.Grant()), CASEWORKER, at(3)),
                "counterpart decided granted",
                "decided-by-counterpart",
                "granted");
        expect(
                granted.apply(new Command.RecordCounterpartExecution(true), CASEWORKER, at(3)),
                "counterpart reported evidence-transmitted",
                "executed-by-counterpart",
                "evidence-transmitted");
        r = Request.registerIncoming(
                        UUID.randomUUID(),
                        KindOfAssistance.STORED_DATA,
                        Fixtures.storedData(),
                        T0,
                        CASEWORKER,
                        T0,
                        LIMITS)
                .request();
        r = expect(r.startReview(at(3)), "started review", "started-review");
        r = expect(
                r.requestInformation("the account's creation date", at(4)),
                "requested information: the account's creation date",
                "requested-information",
                "the account's creation date");
        expect(
                r.apply(new Command.ReceiveInformation("5 January"), CASEWORKER, at(5)),
                "information received: 5 January",
                "received-information",
                "5 January");
        r = expect(r.informationReceived(at(5)), "information received", "information-received");
        r = expect(r.assign("alice", at(5)), "assigned to alice", "assigned", "alice");
        r = expect(
                r.recordReviewerFacts("subject 1: refugee", at(5)),
                "recorded the reviewer's facts: subject 1: refugee",
                "recorded-reviewer-facts",
                "subject 1: refugee");
        r = expect(
                r.recordCounterpartReference("XB/2026/17", at(5)),
                "recorded the counterpart's reference XB/2026/17",
                "recorded-counterpart-reference",
                "XB/2026/17");
        expect(
                r.withdraw("the investigation was closed", at(5)),
                "withdrawn: the investigation was closed",
                "withdrawn",
                "the investigation was closed");
        r = expect(
                r.decide(new Decision.Grant(), Assessment.clear(), REVIEWER, at(6)),
                "decided granted",
                "decided",
                "granted");
        r = expect(r.startExecution(at(7)), "started execution", "started-execution");
        expect(r.completeExecution(false, at(8)), "executed", "executed");
        r = expect(r.completeExecution(true, at(8)), "evidence transmitted", "evidence-transmitted");
        expect(r.close(at(9)), "closed", "closed");

        var incoming = Request.registerIncoming(
                UUID.randomUUID(),
                KindOfAssistance.EXPEDITED_PRESERVATION,
                Fixtures.storedData(),
                T0,
                CASEWORKER,
                T0,
                LIMITS);
        var i = expect(incoming, "registered incoming request", "registered-incoming");
        final var received = i;
        assertThatThrownBy(() -> received.acknowledgedByCounterpart("XA-1", at(1)))
                .isInstanceOf(org.comity.shared.Conflict.class)
                .hasMessageContaining("cannot record acknowledgement");
        i = expect(i.startReview(at(1)), "started review", "started-review");
        i = expect(
                i.recordConsultation(RequestLifecycleTest.consultation(2)),
                "recorded consultation with Central Authority of Xanadu",
                "recorded-consultation",
                "Central Authority of Xanadu");
        var refuse = new Decision.Refuse(List.of(new Reason(RefusalGround.PERSECUTION, "a journalist")));
        var pending = expect(
                // A ground or concern in the assessment makes the decision wait for a supervisor.
                i.decide(refuse, new Assessment(true, "protected role indicator"), REVIEWER, at(3)),
                "proposed decision refused",
                "proposed-decision",
                "refused");
        expect(
                pending.approveDecision(
                        SUPERVISOR,
                        java.util.Set.of(),
                        pending.proposalFingerprint().orElseThrow(),
                        at(4)),
                "approved decision refused",
                "approved-decision",
                "refused");
        expect(pending.sendDecisionBack(at(4)), "sent decision back to review", "sent-decision-back");
        // A grant the treaty does not oblige, on reciprocity: said in a second part, when proposed and approved.
        var onReciprocity = new Decision.Grant(
                List.of(),
                new Decision.OtherBasis(
                        Decision.OtherBasis.Kind.RECIPROCITY, null, "the requesting State assisted us in 2025"));
        var proposedOnReciprocity =
                i.decide(onReciprocity, new Assessment(true, List.of("legal-basis-in-force"), null), REVIEWER, at(3));
        assertThat(proposedOnReciprocity.action())
                .isEqualTo(
                        "proposed decision granted; on another basis (reciprocity) despite the bars legal-basis-in-force");
        assertThat(proposedOnReciprocity.actions())
                .containsExactly(
                        new AuditAction("proposed-decision", List.of("granted")),
                        new AuditAction("on-other-basis", List.of("reciprocity", "legal-basis-in-force")));
        var awaiting = proposedOnReciprocity.request();
        var approvedOnReciprocity = awaiting.approveDecision(
                SUPERVISOR, java.util.Set.of(), awaiting.proposalFingerprint().orElseThrow(), at(4));
        assertThat(approvedOnReciprocity.actions())
                .containsExactly(
                        new AuditAction("approved-decision", List.of("granted")),
                        new AuditAction("on-other-basis", List.of("reciprocity", "legal-basis-in-force")));
        seen.add(AuditAction.Kind.ON_OTHER_BASIS);
        var postponed = i.decide(
                        new Decision.Postpone("domestic investigation", LocalDate.parse("2026-06-01")),
                        Assessment.clear(),
                        SUPERVISING_REVIEWER,
                        at(3))
                .request();
        assertThat(postponed.state()).isInstanceOf(RequestState.Postponed.class);
        expect(postponed.resume(at(4)), "resumed after postponement", "resumed");

        var executing = i.decide(new Decision.Grant(), Assessment.clear(), REVIEWER, at(3))
                .request()
                .startExecution(at(4))
                .request();
        var expiry = at(5).plus(Duration.ofDays(60));
        var preserved = expect(
                executing.recordPreservation(60, at(5), LIMITS),
                "preserved data until " + expiry,
                "preserved",
                expiry.toString());
        var renewedExpiry = at(6).plus(Duration.ofDays(90));
        var renewed = expect(
                preserved.renewPreservation(90, at(6), LIMITS),
                "renewed preservation until " + renewedExpiry,
                "renewed-preservation",
                renewedExpiry.toString());
        assertThat(renewed.preservation().orElseThrow().expiresAt()).isEqualTo(renewedExpiry);

        assertThat(EnumSet.copyOf(seen))
                .as("every kind but the watch's, which the next test covers")
                .isEqualTo(EnumSet.complementOf(
                        EnumSet.of(AuditAction.Kind.DEADLINE_MISSED, AuditAction.Kind.PRESERVATION_EXPIRING)));
    }

    @Test
    void theWatchSaysBothThingsAtOnceInTwoParts() {
        // A missed deadline is reported only before a decision and a preservation only after one, so
        // the watch says each alone here; the compound line is built from the two parts below.
        var received = RequestLifecycleTest.incoming();
        var late = T0.plus(Duration.ofDays(61));
        var missed = received.watch(late, LIMITS).orElseThrow();
        assertThat(missed.action()).isEqualTo("deadline missed");
        assertThat(missed.actions()).containsExactly(new AuditAction("deadline-missed", List.of()));

        var expiry = at(5).plus(Duration.ofDays(60));
        var preserved = Request.registerIncoming(
                        UUID.randomUUID(),
                        KindOfAssistance.EXPEDITED_PRESERVATION,
                        Fixtures.storedData(),
                        T0,
                        CASEWORKER,
                        T0,
                        LIMITS)
                .request()
                .startReview(at(1))
                .request()
                .decide(new Decision.Grant(), Assessment.clear(), REVIEWER, at(2))
                .request()
                .startExecution(at(3))
                .request()
                .recordPreservation(60, at(5), LIMITS)
                .request();
        var warned = preserved.watch(expiry.minus(Duration.ofDays(10)), LIMITS).orElseThrow();
        assertThat(warned.action()).isEqualTo("preservation expires at " + expiry);
        assertThat(warned.actions())
                .containsExactly(new AuditAction("preservation-expiring", List.of(expiry.toString())));

        // Both at once: the English joins them with "; " as it always did, the codes stay two parts.
        var both = new Request.Change(
                warned.request(),
                List.of(missed.actions().getFirst(), warned.actions().getFirst()),
                false,
                List.of());
        assertThat(both.action()).isEqualTo("deadline missed; preservation expires at " + expiry);
    }

    @Test
    void anUnassessedVersionSaysSoAtTheEndOfItsSentence() {
        var draft = Request.draft(
                        UUID.randomUUID(), KindOfAssistance.STORED_DATA, Fixtures.empty(), CASEWORKER, T0, LIMITS)
                .unassessed();
        assertThat(draft.assessmentFailed()).isTrue();
        assertThat(draft.actions()).extracting(AuditAction::code).containsExactly("created-draft");
        assertThat(draft.action()).isEqualTo("created draft (not assessed: the safeguards engine failed)");
    }

    @Test
    void anArgumentIsNeverReadAsAFormat() {
        var r = Request.draft(
                        UUID.randomUUID(), KindOfAssistance.STORED_DATA, Fixtures.storedData(), CASEWORKER, T0, LIMITS)
                .request();
        assertThat(r.withdraw("100%s of %d", at(1)).action()).isEqualTo("withdrawn: 100%s of %d");
    }

    @Test
    void codesAreKnownAndTakeTheirArguments() {
        assertThatThrownBy(() -> new AuditAction("invented", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditAction("withdrawn", List.of())).isInstanceOf(IllegalArgumentException.class);
        for (var kind : AuditAction.Kind.values()) {
            assertThat(kind.code()).matches("[a-z]+(-[a-z]+)*");
        }
    }

    private Request expect(Request.Change change, String english, String code, String... args) {
        assertThat(change.action()).isEqualTo(english);
        assertThat(change.assessmentFailed()).isFalse();
        assertThat(change.actions()).containsExactly(new AuditAction(code, List.of(args)));
        seen.add(change.actions().getFirst().kind());
        return change.request();
    }
}
