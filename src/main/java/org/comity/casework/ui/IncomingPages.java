package org.comity.casework.ui;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.comity.casework.Casework;
import org.comity.casework.domain.RequestContent;
import org.comity.node.NodeIdentity;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Registering an incoming request by hand, from paper or another channel: one page with every field.
 * An incomplete request is registered all the same (non-conformity is for the reviewer to weigh); the
 * request page then lists what it lacks.
 */
@Controller
@PreAuthorize("hasRole('CASEWORKER')")
class IncomingPages {

    private final Casework casework;
    private final Choices choices;
    private final NodeIdentity node;

    IncomingPages(Casework casework, Choices choices, NodeIdentity node) {
        this.casework = casework;
        this.choices = choices;
        this.node = node;
    }

    @GetMapping("/requests/incoming/new")
    String form(Model model) {
        var form =
                ContentForm.parties(null, null, node.authority(), node.country().orElse(null));
        return page(model, form, null, null, FieldErrors.none());
    }

    @PostMapping("/requests/incoming")
    String register(
            @RequestParam(required = false) @Nullable KindOfAssistance kind,
            @RequestParam(required = false) @Nullable String receivedAt,
            @RequestParam(required = false) @Nullable String edit,
            @RequestParam MultiValueMap<String, String> params,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        var problems = new ArrayList<Violation>();
        if (edit != null) {
            // Adding or removing a row registers nothing: the page comes back with what was typed kept.
            var edited = ContentForm.edit(params, edit, problems);
            var form = ContentForm.read(edited);
            model.addAttribute("focus", ContentForm.focusAfter(edit, edited, form, problems));
            return page(model, form, kind, receivedAt, FieldErrors.of(problems, f -> f));
        }
        var form = ContentForm.read(params);
        if (kind == null) {
            problems.add(new Violation("kind", "kind-required", "choose the kind of assistance"));
        }
        Instant received = null;
        if (receivedAt != null && !receivedAt.isBlank()) {
            try {
                received = LocalDateTime.parse(receivedAt.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                problems.add(new Violation("receivedAt", "date-time-format", "a date and time"));
            }
        }
        RequestContent content = null;
        try {
            content = form.content();
        } catch (InvalidInput e) {
            problems.addAll(e.violations());
        }
        if (!problems.isEmpty()) {
            return page(model, form, kind, receivedAt, FieldErrors.of(problems, f -> f));
        }
        try {
            var request = casework.registerIncoming(kind, content, received, principal.getName());
            redirect.addFlashAttribute("done", "registered");
            return "redirect:/requests/" + request.id();
        } catch (InvalidInput e) {
            return page(model, form, kind, receivedAt, FieldErrors.of(e.violations(), f -> inputFor(form, f)));
        }
    }

    private static @Nullable String inputFor(ContentForm form, String field) {
        return field.equals("kind") || field.equals("receivedAt") ? field : form.inputFor(field);
    }

    private String page(
            Model model,
            ContentForm form,
            @Nullable KindOfAssistance kind,
            @Nullable String receivedAt,
            FieldErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("kind", kind);
        model.addAttribute("receivedAt", receivedAt);
        model.addAttribute("kinds", KindOfAssistance.values());
        model.addAttribute("errors", errors);
        choices.addTo(model);
        model.addAttribute("steps", List.of(ContentForm.Step.values()));
        return "casework/incoming";
    }
}
