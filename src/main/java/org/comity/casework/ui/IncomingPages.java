package org.comity.casework.ui;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.comity.casework.Casework;
import org.comity.casework.domain.KindOfAssistance;
import org.comity.casework.domain.RequestContent;
import org.comity.node.NodeIdentity;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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
    private final NodeIdentity node;

    IncomingPages(Casework casework, NodeIdentity node) {
        this.casework = casework;
        this.node = node;
    }

    @GetMapping("/requests/incoming/new")
    String form(Model model) {
        var country = node.country().map(c -> c.value()).orElse(null);
        var form = new ContentForm(
                null,
                null,
                node.authority(),
                country,
                "UNCC",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        return page(model, form, null, null, FieldErrors.none());
    }

    @PostMapping("/requests/incoming")
    String register(
            @RequestParam(required = false) @Nullable KindOfAssistance kind,
            @RequestParam(required = false) @Nullable String receivedAt,
            ContentForm form,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        var problems = new ArrayList<Violation>();
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
            return page(model, form, kind, receivedAt, FieldErrors.of(problems, IncomingPages::inputFor));
        }
        try {
            var request = casework.registerIncoming(kind, content, received, principal.getName());
            redirect.addFlashAttribute("done", "registered");
            return "redirect:/requests/" + request.id();
        } catch (InvalidInput e) {
            return page(model, form, kind, receivedAt, FieldErrors.of(e.violations(), IncomingPages::inputFor));
        }
    }

    private static @Nullable String inputFor(String field) {
        return field.equals("kind") || field.equals("receivedAt") ? field : ContentForm.inputFor(field);
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
        model.addAttribute("subjectRoles", RequestContent.Subject.Role.values());
        model.addAttribute("identifierTypes", RequestContent.Identifier.Type.values());
        model.addAttribute("dataCategories", RequestContent.DataCategory.values());
        model.addAttribute("urgencies", RequestContent.Urgency.Level.values());
        model.addAttribute("steps", List.of(ContentForm.Step.values()));
        return "casework/incoming";
    }
}
