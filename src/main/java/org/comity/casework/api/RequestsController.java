package org.comity.casework.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.casework.AuditEntry;
import org.comity.casework.CaseConversations;
import org.comity.casework.Casework;
import org.comity.casework.Comment;
import org.comity.casework.Page;
import org.comity.casework.RequestQuery;
import org.comity.casework.domain.Channel;
import org.comity.casework.domain.Decision;
import org.comity.casework.domain.Direction;
import org.comity.casework.domain.Preservation;
import org.comity.casework.domain.RefusalGround;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestState;
import org.comity.safeguards.FindingSource;
import org.comity.safeguards.FindingText;
import org.comity.safeguards.ReviewerFacts;
import org.comity.safeguards.Severity;
import org.comity.safeguards.StoredAssessment;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests over HTTP. Caseworkers draft, register and execute; legal reviewers review and decide;
 * supervisors give second approvals; auditors read everything and change nothing. Every command may
 * carry the {@code expectedVersion} the caller saw; editing a draft must.
 */
@RestController
@RequestMapping("/api/requests")
@Tag(name = "Requests", description = "Requests for assistance, sent and received, from draft to closure")
class RequestsController {

    private static final String READERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')";
    private static final String WORKERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')";
    private static final String DECIDERS = "hasAnyRole('LEGAL_REVIEWER', 'SUPERVISOR')";

    private final Casework casework;
    private final Clock clock;
    private final CaseConversations conversations;
    private final JsonMapper json;

    RequestsController(Casework casework, Clock clock, CaseConversations conversations, JsonMapper json) {
        this.casework = casework;
        this.clock = clock;
        this.conversations = conversations;
        this.json = json;
    }

    /** A lifecycle action this user may perform on the request now: what the console lists. */
    record ActionView(String code, java.util.Set<org.comity.accounts.Role> performers, boolean byCounterpart) {}

    @GetMapping("/{id}/actions")
    @PreAuthorize(READERS)
    @Operation(summary = "The lifecycle actions the caller may perform on the request in its current state")
    List<ActionView> actions(@PathVariable UUID id, Principal p) {
        return casework.actions(casework.get(id), p.getName()).stream()
                .map(k -> new ActionView(k.code(), k.performers(), k.byCounterpart()))
                .toList();
    }

    /**
     * Every lifecycle command by its code: the body is the command's own record (see
     * docs/casework.md, "Lifecycle commands") with an optional {@code expectedVersion}.
     */
    @PostMapping("/{id}/actions/{action}")
    @PreAuthorize(WORKERS)
    @Operation(summary = "Perform a lifecycle action (its code as the last path segment)")
    RequestView perform(
            @PathVariable UUID id,
            @PathVariable String action,
            @RequestBody(required = false) @Nullable Map<String, Object> body,
            Principal p) {
        var kind = org.comity.casework.domain.Command.Kind.of(action)
                .orElseThrow(() -> new org.comity.shared.NotFound("action " + action));
        tools.jackson.databind.node.ObjectNode arguments =
                body == null ? json.createObjectNode() : json.valueToTree(body);
        Long expectedVersion = null;
        if (arguments.has("expectedVersion")) {
            var v = arguments.remove("expectedVersion");
            if (!v.isIntegralNumber()) {
                throw InvalidInput.of("expectedVersion", "json-type", "a whole number");
            }
            expectedVersion = v.asLong();
        }
        org.comity.casework.domain.Command command;
        try {
            command = json.treeToValue(arguments, kind.type());
        } catch (tools.jackson.core.JacksonException e) {
            throw InvalidInput.of("body", "json-type", "the arguments of " + action + " as documented");
        }
        return view(casework.perform(id, expectedVersion, command, p.getName()));
    }

    @GetMapping("/{id}/exchange")
    @PreAuthorize(READERS)
    @Operation(
            summary = "The request's exchange with the counterpart's node: messages sent with hops and"
                    + " receipts, messages received with receipts and what each did")
    CaseConversations.Conversation exchange(@PathVariable UUID id) {
        return conversations.of(id);
    }

    @PostMapping("/{id}/exchange/messages/{messageId}/retries")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'SUPERVISOR')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Put a failed message of this request back in the outbox (manual retry)")
    void retry(@PathVariable UUID id, @PathVariable UUID messageId, Principal p) {
        conversations.retry(id, messageId, p.getName());
    }

    record NewDraft(
            @Nullable KindOfAssistance kind, @Nullable RequestContent content) {}

    record NewIncoming(
            @Nullable KindOfAssistance kind,
            @Nullable RequestContent content,

            @Schema(description = "when it arrived; now if absent, never in the future") @Nullable
            Instant receivedAt,

            @Schema(description = "how it arrived; its day is that of receivedAt (UTC)") @Nullable
            Channel channel,

            @Schema(description = "the requesting State's own reference, at most 100 characters", maxLength = 100)
            @Nullable
            String counterpartReference) {}

    /** A second approval of sending, with how the request is transmitted. */
    record SendingApproval(
            @Nullable Long expectedVersion,

            @Schema(description = "the channel it is transmitted by; nothing about transmission is recorded without")
            @Nullable
            Channel channel,

            @Schema(description = "the day it is transmitted (today if absent), never after today") @Nullable
            LocalDate transmittedOn) {}

    record CounterpartReference(
            @Nullable Long expectedVersion,

            @Schema(
                    description = "the other State's own reference, at most 100 characters; blank clears it",
                    maxLength = 100)
            @Nullable
            String counterpartReference) {}

    record ContentUpdate(
            @Nullable Long expectedVersion, @Nullable RequestContent content) {}

    record Command(@Nullable Long expectedVersion) {}

    record InformationRequest(
            @Nullable Long expectedVersion, @Nullable String what) {}

    record ConsultationRecord(
            @Nullable Long expectedVersion,
            @Nullable String with,
            @Nullable String summary) {}

    /**
     * A proposed decision: {@code outcome} says which, the other fields carry what that outcome needs
     * (conditions; the granted and refused parts; a reason and date; reasons), reasons may name the
     * findings they rest on, and a grant the treaty does not oblige names its other basis. Named so
     * that it cannot be mistaken for the treaty calculator's {@code DecisionForm} in the API schema.
     */
    record ProposedDecision(
            @Nullable Long expectedVersion,

            @Schema(description = "granted, granted-with-conditions, partially-granted, postponed or refused") @Nullable
            String outcome,

            @Nullable List<String> conditions,

            @Schema(description = "partially-granted: the part granted") @Nullable
            String granted,

            @Schema(description = "partially-granted: the part refused") @Nullable
            String refused,

            @Schema(description = "every reason; a refusal, in whole or in part, needs one with a ground") @Nullable
            List<DecisionReason> reasons,

            @Schema(description = "postponed: why execution waits") @Nullable
            String reason,

            @Schema(description = "postponed: until when") @Nullable
            LocalDate until,

            @Schema(description = "postponed: rule ids of the findings the postponement rests on") @Nullable
            List<String> findings,

            @Schema(
                    description = "a grant against a bar that only says the treaty does not oblige:"
                            + " the other basis it rests on; always needs a supervisor's approval")
            @Nullable
            DecisionBasis otherBasis,

            @Schema(
                    deprecated = true,
                    description = "Ignored: the node assesses the request itself; a ground or concern in"
                            + " its assessment requires a second approver, a bar makes granting impossible")
            @Nullable
            Map<String, Object> assessment) {

        Decision decision() {
            if (outcome == null) {
                throw InvalidInput.of(
                        "outcome",
                        "outcome-required",
                        "one of granted, granted-with-conditions, partially-granted, postponed, refused");
            }
            var given = reasons == null
                    ? List.<Decision.Reason>of()
                    : reasons.stream()
                            .map(r -> r == null
                                    ? new Decision.Reason(null, null, List.of())
                                    : new Decision.Reason(r.ground(), r.explanation(), r.findings()))
                            .toList();
            var basis = otherBasis == null
                    ? null
                    : new Decision.OtherBasis(otherBasis.kind(), otherBasis.instrument(), otherBasis.explanation());
            return switch (outcome) {
                case "granted" -> new Decision.Grant(given, basis);
                case "granted-with-conditions" -> new Decision.GrantWithConditions(conditions, given, basis);
                case "partially-granted" -> new Decision.PartialGrant(granted, refused, given, basis);
                case "postponed" -> new Decision.Postpone(reason, until, findings);
                case "refused" -> new Decision.Refuse(given);
                default ->
                    throw InvalidInput.of(
                            "outcome",
                            "unknown-outcome",
                            "one of granted, granted-with-conditions, partially-granted, postponed, refused");
            };
        }
    }

    /** One reason of a proposed decision. */
    record DecisionReason(
            @Schema(description = "the refusal ground category; required when refusing, in whole or in part") @Nullable
            RefusalGround ground,

            @Nullable String explanation,

            @Schema(description = "rule ids of the assessment's findings the reason rests on or answers") @Nullable
            List<String> findings) {}

    /** The basis other than the treaty a grant rests on. */
    record DecisionBasis(
            Decision.OtherBasis.@Nullable Kind kind,

            @Schema(description = "other-instrument: which instrument") @Nullable
            String instrument,

            @Nullable String explanation) {}

    /** A second approval names the proposal it approves: the fingerprint shown with it. */
    record DecisionApproval(
            @Nullable Long expectedVersion,

            @Schema(
                    description = "the proposalFingerprint of the request as the approver read it;"
                            + " another proposal's is a 409 stale-proposal")
            @Nullable
            String proposal) {}

    record ExecutionResult(@Nullable Long expectedVersion, boolean evidenceTransmitted) {}

    record PreservationForm(
            @Nullable Long expectedVersion, @Nullable Integer days) {
        int requiredDays() {
            if (days == null) {
                throw InvalidInput.of("days", "days-required", "say for how many days the data is preserved");
            }
            return days;
        }
    }

    record Withdrawal(
            @Nullable Long expectedVersion, @Nullable String reason) {}

    record Assignment(
            @Nullable Long expectedVersion, @Nullable String assignee) {}

    record CommentForm(@Nullable String body) {}

    /** One request as the API shows it, with what it still lacks for its kind. */
    record RequestView(
            UUID id,

            @Schema(
                    description =
                            "this node's human reference, e.g. XA-MLA-2026-000123; the id stays the technical one")
            @Nullable
            String reference,

            @Schema(description = "the other State's own reference for the request, once recorded") @Nullable
            String counterpartReference,

            @Schema(description = "how the request arrived or was transmitted, once recorded") @Nullable
            Channel channel,

            @Schema(description = "the day it was received or transmitted by that channel") @Nullable
            LocalDate channelOn,

            long version,
            Direction direction,
            KindOfAssistance kind,
            String state,
            RequestState stateDetails,
            RequestContent content,
            @Nullable Instant dueAt,
            boolean clockStopped,
            @Nullable Preservation preservation,
            @Nullable String assignee,
            String createdBy,
            Instant createdAt,
            Instant updatedAt,
            List<Violation> contentProblems,

            @Schema(
                    description = "while a decision awaits approval: the SHA-256 of the proposal as"
                            + " stateDetails shows it, which the approval must name")
            @Nullable
            String proposalFingerprint) {

        RequestView withContentProblems(List<Violation> problems) {
            return new RequestView(
                    id,
                    reference,
                    counterpartReference,
                    channel,
                    channelOn,
                    version,
                    direction,
                    kind,
                    state,
                    stateDetails,
                    content,
                    dueAt,
                    clockStopped,
                    preservation,
                    assignee,
                    createdBy,
                    createdAt,
                    updatedAt,
                    problems,
                    proposalFingerprint);
        }

        static RequestView of(Request request, Instant now) {
            return new RequestView(
                    request.id(),
                    request.reference().orElse(null),
                    request.correspondence().counterpartReference(),
                    request.correspondence().channel(),
                    request.correspondence().on(),
                    request.version(),
                    request.direction(),
                    request.kind(),
                    request.state().code(),
                    request.state(),
                    request.content(),
                    request.dueAt(now).orElse(null),
                    request.deadline().stopped(),
                    request.preservation().orElse(null),
                    request.assignee().orElse(null),
                    request.createdBy(),
                    request.createdAt(),
                    request.updatedAt(),
                    request.contentProblems(LocalDate.ofInstant(now, ZoneOffset.UTC)),
                    request.proposalFingerprint().orElse(null));
        }
    }

    private RequestView view(Request request) {
        var view = RequestView.of(request, clock.instant());
        return view.withContentProblems(casework.cited(view.contentProblems()));
    }

    @PostMapping
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "Draft an outgoing request (caseworkers); drafts may be incomplete")
    ResponseEntity<RequestView> draft(@RequestBody NewDraft body, Principal principal) {
        var request = casework.draft(body.kind(), content(body.content()), principal.getName());
        return ResponseEntity.created(URI.create("/api/requests/" + request.id()))
                .body(view(request));
    }

    @PostMapping("/incoming")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "Register an incoming request by hand, from paper or another channel (caseworkers)")
    ResponseEntity<RequestView> registerIncoming(@RequestBody NewIncoming body, Principal principal) {
        var request = casework.registerIncoming(
                body.kind(),
                content(body.content()),
                body.receivedAt(),
                body.channel(),
                body.counterpartReference(),
                principal.getName());
        return ResponseEntity.created(URI.create("/api/requests/" + request.id()))
                .body(view(request));
    }

    @PutMapping("/{id}/content")
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "Replace the content of a draft; expectedVersion is required (caseworkers)")
    RequestView updateDraft(@PathVariable UUID id, @RequestBody ContentUpdate body, Principal principal) {
        if (body.expectedVersion() == null) {
            throw InvalidInput.of("expectedVersion", "version-required", "give the version you edited");
        }
        return view(casework.updateDraft(id, body.expectedVersion(), content(body.content()), principal.getName()));
    }

    @PostMapping("/{id}/sending")
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "Propose sending a complete draft; a supervisor must approve (caseworkers)")
    RequestView proposeSending(@PathVariable UUID id, @RequestBody(required = false) Command body, Principal p) {
        return view(casework.proposeSending(id, version(body), p.getName()));
    }

    @PostMapping("/{id}/sending/approval")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Approve sending, as a second user (supervisors)")
    RequestView approveSending(
            @PathVariable UUID id, @RequestBody(required = false) SendingApproval body, Principal p) {
        return body == null
                ? view(casework.approveSending(id, null, p.getName()))
                : view(casework.approveSending(
                        id, body.expectedVersion(), body.channel(), body.transmittedOn(), p.getName()));
    }

    @PutMapping("/{id}/counterpart-reference")
    @PreAuthorize(WORKERS)
    @Operation(summary = "Record the other State's reference for a request (caseworkers, reviewers, supervisors)")
    RequestView recordCounterpartReference(@PathVariable UUID id, @RequestBody CounterpartReference body, Principal p) {
        return view(casework.recordCounterpartReference(
                id, body.expectedVersion(), body.counterpartReference(), p.getName()));
    }

    /** What the reviewer records beside the content, with the version it was read at. */
    record ReviewerFactsBody(
            @Nullable Long expectedVersion,
            List<ReviewerFacts.OffenceFacts> offences,
            List<ReviewerFacts.SubjectFacts> subjects,
            ReviewerFacts.@Nullable OnwardRecipient onwardRecipient,
            List<ReviewerFacts.EarlierRequest> earlierRequests) {}

    @PutMapping("/{id}/reviewer-facts")
    @PreAuthorize(WORKERS)
    @Operation(
            summary = "Record what the reviewer knows beside the content (offence flags, death penalty and legal"
                    + " nature as the requested State characterises them, protection status, relatives, onward"
                    + " recipient, earlier requests known from other States); replaces what was recorded, makes"
                    + " a new version and assesses it")
    RequestView recordReviewerFacts(@PathVariable UUID id, @RequestBody ReviewerFactsBody body, Principal p) {
        return view(casework.recordReviewerFacts(
                id,
                body.expectedVersion(),
                new ReviewerFacts(body.offences(), body.subjects(), body.onwardRecipient(), body.earlierRequests()),
                p.getName()));
    }

    @GetMapping("/{id}/reviewer-facts")
    @PreAuthorize(READERS)
    @Operation(summary = "What the reviewer recorded beside the content")
    ReviewerFacts reviewerFacts(@PathVariable UUID id) {
        return casework.reviewerFacts(id);
    }

    @PostMapping("/{id}/sending/rejection")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Send a proposed request back to draft (supervisors)")
    RequestView rejectSending(@PathVariable UUID id, @RequestBody(required = false) Command body, Principal p) {
        return view(casework.sendBackToDraft(id, version(body), p.getName()));
    }

    @PostMapping("/{id}/review")
    @PreAuthorize(WORKERS)
    @Operation(summary = "Start the review of a received or submitted request")
    RequestView startReview(@PathVariable UUID id, @RequestBody(required = false) Command body, Principal p) {
        return view(casework.startReview(id, version(body), p.getName()));
    }

    @PostMapping("/{id}/information-requests")
    @PreAuthorize(WORKERS)
    @Operation(summary = "Ask the other State for more information; the deadline clock stops")
    RequestView requestInformation(@PathVariable UUID id, @RequestBody InformationRequest body, Principal p) {
        return view(casework.requestInformation(id, body.expectedVersion(), body.what(), p.getName()));
    }

    @PostMapping("/{id}/information-received")
    @PreAuthorize(WORKERS)
    @Operation(summary = "Record that the information asked for arrived; the deadline clock runs again")
    RequestView informationReceived(@PathVariable UUID id, @RequestBody(required = false) Command body, Principal p) {
        return view(casework.informationReceived(id, version(body), p.getName()));
    }

    @PostMapping("/{id}/consultations")
    @PreAuthorize(WORKERS)
    @Operation(summary = "Record a consultation with the requesting State (needed before refusing or postponing)")
    RequestView consult(@PathVariable UUID id, @RequestBody ConsultationRecord body, Principal p) {
        return view(casework.recordConsultation(id, body.expectedVersion(), body.with(), body.summary(), p.getName()));
    }

    @PostMapping("/{id}/decision")
    @PreAuthorize(DECIDERS)
    @Operation(
            summary = "Decide (legal reviewers, supervisors). The node assesses the request: with a ground or"
                    + " concern the decision waits for a supervisor's approval; with a bar, granting is a 409"
                    + " contradicts-bar (refusing stays possible). The body's assessment is ignored")
    RequestView decide(@PathVariable UUID id, @RequestBody ProposedDecision body, Principal p) {
        return view(casework.decide(id, body.expectedVersion(), body.decision(), p.getName()));
    }

    /** A finding as a reader sees it. */
    record FindingView(
            String rule,
            Severity severity,
            FindingSource source,
            List<CitationView> citations,
            String explanation,
            List<String> fields,
            String resolution) {}

    /** A citation as people write it ({@code UNCC Art 40(22)}), with the catalogue's certainty tag. */
    record CitationView(String reference, String certainty, String heading) {}

    /**
     * The assessment of one request version; {@code assessed} is false when the request names no two
     * States to assess (an incoming request registered incomplete).
     */
    record AssessmentView(
            boolean assessed,
            @Nullable UUID id,
            UUID requestId,
            long version,
            @Nullable Instant assessedAt,
            @Nullable String assessedBy,
            @Nullable Severity highest,
            boolean hasBar,
            boolean secondApprovalRequired,
            List<FindingView> findings) {}

    @GetMapping("/{id}/assessment")
    @PreAuthorize(READERS)
    @Operation(
            summary = "The safeguards assessment of the request's current version, with its findings; assessed"
                    + " and stored now if this version has none")
    AssessmentView assessment(@PathVariable UUID id, Principal p) {
        var request = casework.get(id);
        return casework.assessment(id, p.getName())
                .map(RequestsController::assessmentView)
                .orElseGet(() -> new AssessmentView(
                        false, null, id, request.version(), null, null, null, false, true, List.of()));
    }

    private static AssessmentView assessmentView(StoredAssessment stored) {
        var a = stored.assessment();
        var findings = FindingText.localised(a.findings(), LocaleContextHolder.getLocale()).stream()
                .map(f -> new FindingView(
                        f.rule(),
                        f.severity(),
                        f.source(),
                        f.citations().stream()
                                .map(c -> new CitationView(c.text(), String.valueOf(c.certainty()), c.heading()))
                                .toList(),
                        f.explanation(),
                        f.fields(),
                        f.resolution()))
                .toList();
        return new AssessmentView(
                true,
                stored.id(),
                a.requestId(),
                a.version(),
                stored.assessedAt(),
                stored.assessedBy(),
                a.highest().orElse(null),
                a.hasBar(),
                a.groundOrConcern(),
                findings);
    }

    @PostMapping("/{id}/decision/approval")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(
            summary = "Approve a proposed decision, as a second user (supervisors), naming the proposal's"
                    + " fingerprint (proposalFingerprint): none is a 422 proposal-required, a changed proposal a"
                    + " 409 stale-proposal")
    RequestView approveDecision(
            @PathVariable UUID id, @RequestBody(required = false) DecisionApproval body, Principal p) {
        return view(casework.approveDecision(
                id, body == null ? null : body.expectedVersion(), body == null ? null : body.proposal(), p.getName()));
    }

    @PostMapping("/{id}/decision/rejection")
    @PreAuthorize("hasRole('SUPERVISOR')")
    @Operation(summary = "Send a proposed decision back to review (supervisors)")
    RequestView rejectDecision(@PathVariable UUID id, @RequestBody(required = false) Command body, Principal p) {
        return view(casework.sendDecisionBack(id, version(body), p.getName()));
    }

    @PostMapping("/{id}/resumption")
    @PreAuthorize(DECIDERS)
    @Operation(summary = "Resume the review of a postponed request")
    RequestView resume(@PathVariable UUID id, @RequestBody(required = false) Command body, Principal p) {
        return view(casework.resume(id, version(body), p.getName()));
    }

    @PostMapping("/{id}/execution")
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "Start executing a granted request (caseworkers)")
    RequestView startExecution(@PathVariable UUID id, @RequestBody(required = false) Command body, Principal p) {
        return view(casework.startExecution(id, version(body), p.getName()));
    }

    @PostMapping("/{id}/execution/completion")
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "Record that execution is complete, and whether evidence was transmitted (caseworkers)")
    RequestView completeExecution(@PathVariable UUID id, @RequestBody ExecutionResult body, Principal p) {
        return view(casework.completeExecution(id, body.expectedVersion(), body.evidenceTransmitted(), p.getName()));
    }

    @PostMapping("/{id}/preservation")
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "Record that data was preserved, for at least the minimum period (caseworkers)")
    RequestView preserve(@PathVariable UUID id, @RequestBody PreservationForm body, Principal p) {
        return view(casework.recordPreservation(id, body.expectedVersion(), body.requiredDays(), p.getName()));
    }

    @PostMapping("/{id}/preservation/renewal")
    @PreAuthorize("hasRole('CASEWORKER')")
    @Operation(summary = "Renew a preservation (caseworkers)")
    RequestView renewPreservation(@PathVariable UUID id, @RequestBody PreservationForm body, Principal p) {
        return view(casework.renewPreservation(id, body.expectedVersion(), body.requiredDays(), p.getName()));
    }

    @PostMapping("/{id}/closure")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'SUPERVISOR')")
    @Operation(summary = "Close a refused or executed request")
    RequestView close(@PathVariable UUID id, @RequestBody(required = false) Command body, Principal p) {
        return view(casework.close(id, version(body), p.getName()));
    }

    @PostMapping("/{id}/withdrawal")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'SUPERVISOR')")
    @Operation(summary = "Withdraw a request before closure, with the reason")
    RequestView withdraw(@PathVariable UUID id, @RequestBody Withdrawal body, Principal p) {
        return view(casework.withdraw(id, body.expectedVersion(), body.reason(), p.getName()));
    }

    @PostMapping("/{id}/assignment")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'SUPERVISOR')")
    @Operation(summary = "Assign a request to a user")
    RequestView assign(@PathVariable UUID id, @RequestBody Assignment body, Principal p) {
        return view(casework.assign(id, body.expectedVersion(), body.assignee(), p.getName()));
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    @Operation(summary = "One request")
    RequestView get(@PathVariable UUID id) {
        return view(casework.get(id));
    }

    @GetMapping
    @PreAuthorize(READERS)
    @Operation(
            summary = "List requests, filtered, paged (from 0) and sorted (created, updated, due);"
                    + " q searches the facts and offences")
    Page<RequestView> list(
            @RequestParam(required = false) Direction direction,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) KindOfAssistance kind,
            @RequestParam(required = false) String counterpart,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) Instant dueBefore,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(defaultValue = "CREATED") RequestQuery.Sort sort,
            @RequestParam(defaultValue = "false") boolean descending) {
        var counterpartState = counterpart == null ? null : CountryCode.parse("counterpart", counterpart);
        var found = casework.list(new RequestQuery(
                direction, state, kind, counterpartState, assignee, dueBefore, q, page, size, sort, descending));
        var now = clock.instant();
        return new Page<>(
                found.items().stream()
                        .map(r -> RequestView.of(r, now))
                        .map(v -> v.withContentProblems(casework.cited(v.contentProblems())))
                        .toList(),
                found.page(),
                found.size(),
                found.total(),
                found.totalExact());
    }

    @GetMapping("/{id}/audit")
    @PreAuthorize(READERS)
    @Operation(summary = "The audit trail of one request, oldest first")
    List<AuditEntry> audit(@PathVariable UUID id) {
        return casework.auditTrail(id);
    }

    @GetMapping("/{id}/comments")
    @PreAuthorize(READERS)
    @Operation(summary = "Comments on one request, oldest first")
    List<Comment> comments(@PathVariable UUID id) {
        return casework.comments(id);
    }

    @PostMapping("/{id}/comments")
    @PreAuthorize(WORKERS)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Comment on a request")
    Comment comment(@PathVariable UUID id, @RequestBody CommentForm body, Principal p) {
        return casework.comment(id, body.body(), p.getName());
    }

    private static @Nullable Long version(@Nullable Command body) {
        return body == null ? null : body.expectedVersion();
    }

    private static RequestContent content(@Nullable RequestContent content) {
        return content != null ? content : RequestContent.EMPTY;
    }
}
