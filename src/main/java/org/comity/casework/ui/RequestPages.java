package org.comity.casework.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.casework.Attachments;
import org.comity.casework.CaseConversations;
import org.comity.casework.Casework;
import org.comity.casework.RequestQuery;
import org.comity.casework.domain.Command;
import org.comity.casework.domain.Direction;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestState;
import org.comity.shared.Conflict;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;
import org.comity.treaty.StateNames;
import org.comity.web.FieldErrors;
import org.comity.web.Times;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The request list (filters, paging, sorting) and the request page: all content, deadlines and clocks,
 * the audit trail as a timeline, comments, and the actions the current state allows to this user.
 * Every action posts a small form; casework checks the transition and the roles again.
 */
@Controller
class RequestPages {

    static final String READERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR', 'AUDITOR')";
    static final List<String> STATES = java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(RequestQuery.OPEN), RequestState.CODES.stream())
            .toList();

    private final Casework casework;
    private final Attachments attachments;
    private final Accounts accounts;
    private final Clock clock;
    private final MessageSource messages;
    private final Times times;
    private final StateNames stateNames;
    private final CaseConversations conversations;
    private final org.comity.casework.CounterpartLetters letters;

    RequestPages(
            Casework casework,
            Attachments attachments,
            Accounts accounts,
            Clock clock,
            MessageSource messages,
            Times times,
            StateNames stateNames,
            CaseConversations conversations,
            org.comity.casework.CounterpartLetters letters) {
        this.conversations = conversations;
        this.letters = letters;
        this.casework = casework;
        this.attachments = attachments;
        this.accounts = accounts;
        this.clock = clock;
        this.messages = messages;
        this.times = times;
        this.stateNames = stateNames;
    }

    /** The list's filters as the form posts them (GET); every one optional. */
    record ListForm(
            @Nullable String direction,
            @Nullable String state,
            @Nullable String kind,
            @Nullable String counterpart,
            @Nullable String assignee,
            @Nullable String dueBefore,
            @Nullable String q,
            @Nullable Integer page,
            @Nullable String sort,
            @Nullable Boolean descending) {

        Map<String, String> parameters() {
            var map = new LinkedHashMap<String, String>();
            put(map, "direction", direction);
            put(map, "state", state);
            put(map, "kind", kind);
            put(map, "counterpart", counterpart);
            put(map, "assignee", assignee);
            put(map, "dueBefore", dueBefore);
            put(map, "q", q);
            return map;
        }

        private static void put(Map<String, String> map, String key, @Nullable String value) {
            if (value != null && !value.isBlank()) {
                map.put(key, value.strip());
            }
        }
    }

    static final int PAGE_SIZE = 25;

    @GetMapping("/requests")
    @PreAuthorize(READERS)
    String list(ListForm form, Model model) {
        var problems = new ArrayList<Violation>();
        CountryCode counterpart = null;
        if (form.counterpart() != null && !form.counterpart().isBlank()) {
            try {
                counterpart = CountryCode.of(form.counterpart());
            } catch (IllegalArgumentException e) {
                problems.add(new Violation("counterpart", "country-code", "a two-letter ISO 3166-1 code, such as FR"));
            }
        }
        Instant dueBefore = null;
        if (form.dueBefore() != null && !form.dueBefore().isBlank()) {
            try {
                dueBefore = LocalDate.parse(form.dueBefore().strip())
                        .plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
            } catch (DateTimeParseException e) {
                problems.add(new Violation("dueBefore", "date-format", "a date as YYYY-MM-DD"));
            }
        }
        var state = form.state() == null || form.state().isBlank() ? null : form.state();
        if (state != null && !STATES.contains(state)) {
            problems.add(new Violation("state", "unknown-state", "choose a state from the list"));
        }
        // Each filter that is not one of its options is marked on its field, never read as "no results".
        var direction = choice(form.direction(), Direction.class, "direction", problems);
        var kind = choice(form.kind(), KindOfAssistance.class, "kind", problems);
        var chosenSort = choice(form.sort(), RequestQuery.Sort.class, "sort", problems);
        var sort = chosenSort == null ? RequestQuery.Sort.CREATED : chosenSort;
        boolean descending = form.descending() == null || form.descending();
        int page = form.page() == null ? 0 : Math.max(0, form.page());
        model.addAttribute("form", form);
        model.addAttribute("directions", Direction.values());
        model.addAttribute("states", STATES);
        model.addAttribute("stateNames", stateNames);
        model.addAttribute("kinds", KindOfAssistance.values());
        model.addAttribute("sorts", RequestQuery.Sort.values());
        model.addAttribute("sort", sort);
        model.addAttribute("descending", descending);
        if (!problems.isEmpty()) {
            model.addAttribute("errors", FieldErrors.of(problems, f -> f));
            model.addAttribute("results", null);
            return "casework/list";
        }
        var assignee = form.assignee() == null || form.assignee().isBlank()
                ? null
                : form.assignee().strip();
        var q = form.q() == null || form.q().isBlank() ? null : form.q().strip();
        try {
            var found = casework.list(new RequestQuery(
                    direction, state, kind, counterpart, assignee, dueBefore, q, page, PAGE_SIZE, sort, descending));
            model.addAttribute("errors", FieldErrors.none());
            model.addAttribute("results", found);
            model.addAttribute("now", clock.instant());
            model.addAttribute("pages", (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
            model.addAttribute("hasNext", found.hasNext());
            model.addAttribute("filterQuery", query(form.parameters()));
        } catch (InvalidInput e) {
            model.addAttribute("errors", FieldErrors.of(e, List.of("q", "page")));
            model.addAttribute("results", null);
        }
        return "casework/list";
    }

    private static <E extends Enum<E>> @Nullable E choice(
            @Nullable String value, Class<E> type, String field, List<Violation> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(new Violation(field, "unknown-choice", "choose one of the options of the list"));
            return null;
        }
    }

    @GetMapping("/requests/{id}")
    @PreAuthorize(READERS)
    String show(@PathVariable UUID id, Model model) {
        // An action's problems arrive as flash attributes after its redirect.
        var errors = model.getAttribute("errors") instanceof FieldErrors e ? e : FieldErrors.none();
        var failed = model.getAttribute("failedAction") instanceof String a ? a : null;
        return page(casework.get(id), model, errors, failed);
    }

    /** Every field any action form posts; each action reads the ones it needs. */
    record ActionForm(
            @Nullable Long version,
            @Nullable String what,
            @Nullable String with,
            @Nullable String summary,
            @Nullable String reason,
            @Nullable String proposal,
            @Nullable Boolean evidenceTransmitted,
            @Nullable Integer days,
            @Nullable String assignee,
            @Nullable String body,
            @Nullable String reference,
            @Nullable String answer,
            @Nullable String message,
            @Nullable String channel,
            @Nullable String transmittedOn) {}

    @PostMapping("/requests/{id}/actions/{action}")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')")
    String act(
            @PathVariable UUID id,
            @PathVariable String action,
            ActionForm form,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        var user = principal.getName();
        var v = form.version();
        try {
            switch (action) {
                case "comment" -> casework.comment(id, form.body(), user);
                case "retry-delivery" -> {
                    if (form.message() == null) {
                        throw new org.comity.shared.NotFound("message");
                    }
                    requireAnyRole(List.of("CASEWORKER", "SUPERVISOR"), () -> {
                        conversations.retry(id, UUID.fromString(form.message()), user);
                        return null;
                    });
                }
                // Every lifecycle step is a command: who may perform it is the command's to say.
                default -> casework.perform(id, v, command(action, form, casework.get(id)), user);
            }
        } catch (InvalidInput e) {
            // Post/redirect/get: the problems travel to the request page, so reloading it never re-posts
            // the action (nor shows a 405 for the action's URL).
            redirect.addFlashAttribute(
                    "errors", FieldErrors.of(e.violations(), field -> action + "-" + inputOf(field)));
            redirect.addFlashAttribute("failedAction", action);
            return "redirect:/requests/" + id;
        } catch (Conflict e) {
            redirect.addFlashAttribute("refused", e.rule());
            redirect.addFlashAttribute("refusedDetail", e.getMessage());
            redirect.addFlashAttribute("failedAction", action);
            return "redirect:/requests/" + id;
        }
        redirect.addFlashAttribute("done", action);
        return "redirect:/requests/" + id;
    }

    /**
     * A command the console offers from the list {@link Casework#actions} derives (the requesting
     * side's steps), read from the action's form.
     */
    private static Command command(String action, ActionForm form, Request request) {
        var kind = Command.Kind.of(OLDER_NAMES.getOrDefault(action, action))
                .or(() -> "preserve".equals(action)
                        ? java.util.Optional.of(
                                request.preservation().isPresent()
                                        ? Command.Kind.RENEW_PRESERVATION
                                        : Command.Kind.RECORD_PRESERVATION)
                        : java.util.Optional.empty())
                .orElseThrow(() -> new org.comity.shared.NotFound("action " + action));
        return switch (kind) {
            case PROPOSE_SENDING -> new Command.ProposeSending();
            case APPROVE_SENDING -> {
                var sent = Transmission.read(form.channel(), form.transmittedOn());
                yield new Command.ApproveSending(sent.channel(), sent.on());
            }
            case SEND_BACK_TO_DRAFT -> new Command.SendBackToDraft();
            case START_REVIEW -> new Command.StartReview();
            case REQUEST_INFORMATION -> new Command.RequestInformation(stripped(form.what()));
            case INFORMATION_RECEIVED -> new Command.InformationReceived();
            case RECORD_CONSULTATION -> new Command.RecordConsultation(form.with(), form.summary());
            case APPROVE_DECISION -> new Command.ApproveDecision(form.proposal());
            case SEND_DECISION_BACK -> new Command.SendDecisionBack();
            case RESUME -> new Command.Resume();
            case START_EXECUTION -> new Command.StartExecution();
            case COMPLETE_EXECUTION -> new Command.CompleteExecution(Boolean.TRUE.equals(form.evidenceTransmitted()));
            case RECORD_PRESERVATION -> new Command.RecordPreservation(form.days());
            case RENEW_PRESERVATION -> new Command.RenewPreservation(form.days());
            case CLOSE -> new Command.Close();
            case WITHDRAW -> new Command.Withdraw(stripped(form.reason()));
            case ASSIGN -> new Command.Assign(form.assignee());
            case RECORD_COUNTERPART_REFERENCE -> new Command.RecordCounterpartReference(form.reference());
            case RECORD_ACKNOWLEDGEMENT -> new Command.RecordAcknowledgement(form.reference());
            case RECORD_INFORMATION_REQUEST -> new Command.RecordInformationRequest(form.what());
            case ANSWER_INFORMATION -> new Command.AnswerInformation(form.answer());
            case RECORD_COUNTERPART_CONSULTATION ->
                new Command.RecordCounterpartConsultation(form.with(), form.summary());
            case RECORD_COUNTERPART_EXECUTION ->
                new Command.RecordCounterpartExecution(Boolean.TRUE.equals(form.evidenceTransmitted()));
            case RECEIVE_INFORMATION -> new Command.ReceiveInformation(form.answer());
            // Decisions have pages of their own (DecisionForms, CounterpartDecisionPages).
            case DECIDE, RECORD_COUNTERPART_DECISION -> throw new org.comity.shared.NotFound("action " + action);
        };
    }

    /** The names the page's forms posted before the commands had codes, still posted by the template. */
    private static final Map<String, String> OLDER_NAMES = Map.of(
            "reject-sending", "send-back-to-draft",
            "consult", "record-consultation",
            "reject-decision", "send-decision-back");

    private static @Nullable String stripped(@Nullable String text) {
        return text == null ? null : text.strip();
    }

    private static String inputOf(String field) {
        // The preservation form's field is "days"; the command's argument is "requiredDays". The
        // reference forms post "reference" for the command's "counterpartReference".
        return switch (field) {
            case "requiredDays" -> "days";
            case "counterpartReference" -> "reference";
            default -> field;
        };
    }

    /** The safeguards assessment of the version shown (assessed now if this version has none). */
    private org.comity.safeguards.@Nullable Assessment assessmentOf(Request request) {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return casework.assessment(request.id(), auth == null ? "console" : auth.getName())
                .map(a -> a.assessment().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()))
                .orElse(null);
    }

    private void requireAnyRole(List<String> roles, java.util.function.Supplier<?> action) {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        boolean allowed = auth != null
                && auth.getAuthorities().stream()
                        .anyMatch(a -> roles.contains(a.getAuthority().replaceFirst("^ROLE_", "")));
        if (!allowed) {
            throw new org.springframework.security.access.AccessDeniedException("role required: " + roles);
        }
        action.get();
    }

    private String page(Request request, Model model, FieldErrors errors, @Nullable String failedAction) {
        var now = clock.instant();
        model.addAttribute("request", request);
        model.addAttribute("stateNames", stateNames);
        model.addAttribute("form", ContentForm.of(request.content()));
        model.addAttribute("state", request.state());
        model.addAttribute("stateKind", stateKind(request.state()));
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        // Every action form the page shows is one of these, each once (casework/actions :: command).
        model.addAttribute(
                "commands", auth == null ? List.<Command.Kind>of() : casework.actions(request, auth.getName()));
        var conversation = conversations.of(request.id());
        model.addAttribute("conversation", conversation);
        model.addAttribute("letters", conversation.conversationId() == null ? List.of() : letters.of(request.id()));
        model.addAttribute("dueAt", request.dueAt(now).orElse(null));
        model.addAttribute(
                "overdue",
                request.dueAt(now).map(d -> d.isBefore(now)).orElse(false)
                        && !request.deadline().stopped());
        model.addAttribute("clockStopped", request.deadline().stopped());
        var documents = attachments.list(request.id());
        model.addAttribute(
                "timeline",
                new Timeline(messages, LocaleContextHolder.getLocale(), times)
                        .lines(casework.auditTrail(request.id()), documents));
        model.addAttribute("assessment", assessmentOf(request));
        model.addAttribute("comments", casework.comments(request.id()));
        model.addAttribute("attachments", documents);
        model.addAttribute("maxAttachmentMegabytes", Math.max(1, attachments.maxBytes() / (1024 * 1024)));
        model.addAttribute("problems", request.contentProblems(LocalDate.ofInstant(now, ZoneOffset.UTC)));
        model.addAttribute("outcomes", DecisionForms.OUTCOMES);
        model.addAttribute("channels", org.comity.casework.domain.Channel.values());
        model.addAttribute("proposalFingerprint", request.proposalFingerprint().orElse(null));
        model.addAttribute(
                "users",
                accounts.list().stream()
                        .filter(a -> a.enabled()
                                && (a.has(org.comity.accounts.Role.CASEWORKER)
                                        || a.has(org.comity.accounts.Role.LEGAL_REVIEWER)
                                        || a.has(org.comity.accounts.Role.SUPERVISOR)))
                        .toList());
        model.addAttribute("errors", errors);
        model.addAttribute("failedAction", failedAction);
        return "casework/request";
    }

    /** The state's type name, for the template to choose the actions it offers. */
    private static String stateKind(RequestState state) {
        return switch (state) {
            case RequestState.Draft s -> "draft";
            case RequestState.AwaitingSendApproval s -> "awaiting-send-approval";
            case RequestState.Submitted s -> "submitted";
            case RequestState.Acknowledged s -> "acknowledged";
            case RequestState.InformationAsked s -> "information-asked";
            case RequestState.GrantedByCounterpart s -> "granted-by-counterpart";
            case RequestState.PostponedByCounterpart s -> "postponed-by-counterpart";
            case RequestState.RefusedByCounterpart s -> "refused-by-counterpart";
            case RequestState.ExecutedByCounterpart s -> "executed-by-counterpart";
            case RequestState.Received s -> "received";
            case RequestState.UnderReview s -> "under-review";
            case RequestState.InformationRequested s -> "information-requested";
            case RequestState.AwaitingDecisionApproval s -> "awaiting-decision-approval";
            case RequestState.Granted s -> "granted";
            case RequestState.Postponed s -> "postponed";
            case RequestState.Refused s -> "refused";
            case RequestState.Executing s -> "executing";
            case RequestState.Executed s -> "executed";
            case RequestState.Closed s -> "closed";
            case RequestState.Withdrawn s -> "withdrawn";
        };
    }

    static String query(Map<String, String> parameters) {
        var out = new StringBuilder();
        parameters.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
