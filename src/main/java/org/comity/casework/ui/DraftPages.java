package org.comity.casework.ui;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.comity.casework.Casework;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestState;
import org.comity.casework.ui.ContentForm.Step;
import org.comity.node.NodeIdentity;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Drafting an outgoing request step by step: parties and legal basis (which creates the draft), the
 * offence and facts, subjects and the data sought, urgency and conditions, then a review with every
 * problem casework reports and the safeguards assessment, and the proposal to send. Every step saves
 * the draft; a step with problems shows them next to its fields and may still be left for later.
 */
@Controller
@PreAuthorize("hasRole('CASEWORKER')")
class DraftPages {

    private final Casework casework;
    private final Requirements requirements;
    private final Choices choices;
    private final NodeIdentity node;
    private final Clock clock;

    DraftPages(Casework casework, Requirements requirements, Choices choices, NodeIdentity node, Clock clock) {
        this.casework = casework;
        this.requirements = requirements;
        this.choices = choices;
        this.node = node;
        this.clock = clock;
    }

    @GetMapping("/requests/new")
    String start(Model model) {
        var form = ContentForm.parties(node.authority(), node.country().orElse(null), null, null);
        return step(model, null, null, Step.PARTIES, form, FieldErrors.none(), false);
    }

    @PostMapping("/requests/new")
    String create(
            @RequestParam(required = false) @Nullable KindOfAssistance kind,
            @RequestParam MultiValueMap<String, String> params,
            Principal principal,
            Model model) {
        var form = ContentForm.read(params);
        RequestContent content;
        try {
            content = form.content();
        } catch (InvalidInput e) {
            return step(model, null, kind, Step.PARTIES, form, onStep(e.violations(), Step.PARTIES), false);
        }
        if (kind == null) {
            var errors = FieldErrors.of(
                    List.of(new Violation("kind", "kind-required", "choose the kind of assistance")), f -> f);
            return step(model, null, null, Step.PARTIES, form, errors, false);
        }
        Request request;
        try {
            request = casework.draft(kind, content, principal.getName());
        } catch (InvalidInput e) {
            return step(model, null, kind, Step.PARTIES, form, FieldErrors.of(e.violations(), form::inputFor), false);
        }
        return afterSave(request, Step.PARTIES, form, model);
    }

    @GetMapping("/requests/{id}/draft/{step}")
    String edit(@PathVariable UUID id, @PathVariable String step, Model model) {
        var request = draft(id);
        if (step.equals("review")) {
            return review(request, model);
        }
        var form = ContentForm.of(request.content());
        return step(model, request, request.kind(), Step.of(step), form, FieldErrors.none(), false);
    }

    @PostMapping("/requests/{id}/draft/{step}")
    String save(
            @PathVariable UUID id,
            @PathVariable String step,
            @RequestParam long version,
            @RequestParam(required = false) @Nullable String edit,
            @RequestParam MultiValueMap<String, String> params,
            Principal principal,
            Model model) {
        var current = Step.of(step);
        var request = draft(id);
        if (edit != null) {
            // Adding or removing a row saves nothing: the step comes back with what was typed kept.
            var problems = new ArrayList<Violation>();
            var edited = ContentForm.edit(params, edit, problems);
            var form = ContentForm.posted(current, edited, ContentForm.of(request.content()));
            model.addAttribute("focus", ContentForm.focusAfter(edit, edited, form, problems));
            return step(model, request, request.kind(), current, form, onStep(problems, current), false);
        }
        var form = ContentForm.posted(current, params, ContentForm.of(request.content()));
        RequestContent content;
        try {
            content = form.content();
        } catch (InvalidInput e) {
            return step(model, request, request.kind(), current, form, onStep(e.violations(), current), false);
        }
        try {
            request = casework.updateDraft(id, version, content, principal.getName());
        } catch (InvalidInput e) {
            return step(
                    model,
                    request,
                    request.kind(),
                    current,
                    form,
                    FieldErrors.of(e.violations(), form::inputFor),
                    false);
        } catch (Conflict e) {
            model.addAttribute("conflict", e.rule());
            return step(model, request, request.kind(), current, form, FieldErrors.none(), false);
        }
        return afterSave(request, current, form, model);
    }

    @PostMapping("/requests/{id}/sending")
    String proposeSending(
            @PathVariable UUID id, @RequestParam long version, Principal principal, RedirectAttributes redirect) {
        try {
            casework.proposeSending(id, version, principal.getName());
            redirect.addFlashAttribute("done", "proposed");
            return "redirect:/requests/" + id;
        } catch (InvalidInput | Conflict e) {
            redirect.addFlashAttribute("refused", e instanceof Conflict c ? c.rule() : "content-incomplete");
            return "redirect:/requests/" + id + "/draft/review";
        }
    }

    /** Next step if this one is complete, else the same step with its problems next to the fields. */
    private String afterSave(Request request, Step current, ContentForm form, Model model) {
        var mine = problems(request).stream()
                .filter(v -> current.holds(form.inputFor(v.field())))
                .toList();
        if (!mine.isEmpty()) {
            return step(model, request, request.kind(), current, form, FieldErrors.of(mine, form::inputFor), true);
        }
        var next =
                current.ordinal() + 1 < Step.values().length ? Step.values()[current.ordinal() + 1].code() : "review";
        return "redirect:/requests/" + request.id() + "/draft/" + next;
    }

    private String review(Request request, Model model) {
        var problems = problems(request);
        model.addAttribute("request", request);
        var form = ContentForm.of(request.content());
        model.addAttribute("form", form);
        model.addAttribute(
                "problems",
                problems.stream()
                        .map(v -> new ReviewProblem(
                                v, ContentForm.stepOf(form.inputFor(v.field())).code()))
                        .toList());
        model.addAttribute("steps", Step.values());
        model.addAttribute("current", "review");
        choices.addDisclosureTo(model);
        model.addAttribute("requirements", requirements(request.content()).orElse(null));
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        model.addAttribute(
                "assessment",
                casework.assessment(request.id(), auth == null ? "console" : auth.getName())
                        .map(a -> a.assessment().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()))
                        .orElse(null));
        return "casework/review";
    }

    /** A problem on the review page, with the step that fixes it. */
    record ReviewProblem(Violation violation, String step) {}

    private String step(
            Model model,
            @Nullable Request request,
            @Nullable KindOfAssistance kind,
            Step step,
            ContentForm form,
            FieldErrors errors,
            boolean saved) {
        model.addAttribute("request", request);
        model.addAttribute("kind", kind);
        model.addAttribute("kinds", KindOfAssistance.values());
        model.addAttribute("step", step.code());
        model.addAttribute("stepNumber", step.number());
        model.addAttribute("steps", Step.values());
        model.addAttribute("current", step.code());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("saved", saved);
        choices.addTo(model);
        RequestContent content = null;
        try {
            content = form.content();
        } catch (InvalidInput e) {
            content = request == null ? null : request.content();
        }
        model.addAttribute(
                "requirements", content == null ? null : requirements(content).orElse(null));
        return "casework/draft";
    }

    /** Violations on this step's inputs next to them, the others above the form. */
    private static FieldErrors onStep(List<Violation> violations, Step step) {
        return FieldErrors.of(violations, f -> step.holds(f) ? f : null);
    }

    private java.util.Optional<Requirements.View> requirements(RequestContent content) {
        return requirements.of(
                content.requestingAuthority() == null
                        ? null
                        : content.requestingAuthority().state(),
                content.requestedAuthority() == null
                        ? null
                        : content.requestedAuthority().state());
    }

    private List<Violation> problems(Request request) {
        return request.contentProblems(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    private Request draft(UUID id) {
        var request = casework.get(id);
        if (!(request.state() instanceof RequestState.Draft)) {
            throw new Conflict(
                    "transition-not-allowed",
                    "only a draft can be edited; this request is "
                            + request.state().code());
        }
        return request;
    }
}
