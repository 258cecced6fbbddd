package org.comity.casework.ui;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.comity.casework.Attachments;
import org.comity.casework.Casework;
import org.comity.casework.api.AttachmentTransfer;
import org.comity.casework.domain.AttachmentPolicy;
import org.comity.casework.domain.Channel;
import org.comity.casework.domain.Correspondence;
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
import org.springframework.web.multipart.MultipartFile;
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
    private final Attachments attachments;
    private final Choices choices;
    private final NodeIdentity node;

    IncomingPages(Casework casework, Attachments attachments, Choices choices, NodeIdentity node) {
        this.casework = casework;
        this.attachments = attachments;
        this.choices = choices;
        this.node = node;
    }

    /** How the request arrived, as the registration form posts it beside the content. */
    record Receipt(
            @Nullable KindOfAssistance kind,
            @Nullable String receivedAt,
            @Nullable Channel channel,
            @Nullable String counterpartReference) {
        static final Receipt NONE = new Receipt(null, null, null, null);
    }

    @GetMapping("/requests/incoming/new")
    String form(Model model) {
        var form =
                ContentForm.parties(null, null, node.authority(), node.country().orElse(null));
        return page(model, form, Receipt.NONE, FieldErrors.none());
    }

    @PostMapping("/requests/incoming")
    String register(
            @RequestParam(required = false) @Nullable KindOfAssistance kind,
            @RequestParam(required = false) @Nullable String receivedAt,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String counterpartReference,
            @RequestParam(value = "receipt", required = false) @Nullable MultipartFile receipt,
            @RequestParam(required = false) @Nullable String edit,
            @RequestParam MultiValueMap<String, String> params,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        var problems = new ArrayList<Violation>();
        var arrived = new Receipt(kind, receivedAt, channel(channel, problems), counterpartReference);
        if (edit != null) {
            // Adding or removing a row registers nothing: the page comes back with what was typed kept.
            var edited = ContentForm.edit(params, edit, problems);
            var form = ContentForm.read(edited);
            model.addAttribute("focus", ContentForm.focusAfter(edit, edited, form, problems));
            return page(model, form, arrived, FieldErrors.of(problems, f -> f));
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
        String reference = null;
        try {
            reference = Correspondence.counterpartReference(counterpartReference, "counterpartReference");
        } catch (InvalidInput e) {
            problems.addAll(e.violations());
        }
        // The receipt document is checked before anything is registered, so a refused file registers nothing.
        byte[] document = receipt == null || receipt.isEmpty() ? null : document(receipt, problems);
        RequestContent content = null;
        try {
            content = form.content();
        } catch (InvalidInput e) {
            problems.addAll(e.violations());
        }
        if (!problems.isEmpty()) {
            return page(model, form, arrived, FieldErrors.of(problems, f -> f));
        }
        try {
            var request = casework.registerIncoming(
                    kind, content, received, arrived.channel(), reference, principal.getName());
            if (document != null) {
                attachments.attach(
                        request.id(),
                        receipt.getOriginalFilename(),
                        receipt.getContentType(),
                        document,
                        principal.getName());
            }
            redirect.addFlashAttribute("done", "registered");
            return "redirect:/requests/" + request.id();
        } catch (InvalidInput e) {
            return page(model, form, arrived, FieldErrors.of(e.violations(), f -> inputFor(form, f)));
        }
    }

    private @Nullable Channel channel(@Nullable String value, List<Violation> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Channel.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            problems.add(new Violation("channel", "channel-unknown", "choose a channel from the list"));
            return null;
        }
    }

    /** The receipt document's bytes, or null with its problems (named {@code receipt}) added. */
    private byte @Nullable [] document(MultipartFile file, List<Violation> problems) {
        try {
            var bytes = AttachmentTransfer.read(file, attachments.maxBytes());
            var refused = AttachmentPolicy.check(
                    String.valueOf(file.getOriginalFilename()),
                    String.valueOf(file.getContentType()),
                    bytes,
                    attachments.maxBytes());
            refused.forEach(v -> problems.add(new Violation("receipt", v.rule(), v.message())));
            return refused.isEmpty() ? bytes : null;
        } catch (InvalidInput e) {
            e.violations().forEach(v -> problems.add(new Violation("receipt", v.rule(), v.message())));
            return null;
        }
    }

    private static @Nullable String inputFor(ContentForm form, String field) {
        return List.of("kind", "receivedAt", "channel", "counterpartReference", "receipt")
                        .contains(field)
                ? field
                : form.inputFor(field);
    }

    private String page(Model model, ContentForm form, Receipt receipt, FieldErrors errors) {
        model.addAttribute("form", form);
        model.addAttribute("kind", receipt.kind());
        model.addAttribute("receivedAt", receipt.receivedAt());
        model.addAttribute("channel", receipt.channel());
        model.addAttribute("counterpartReference", receipt.counterpartReference());
        model.addAttribute("channels", Channel.values());
        model.addAttribute("kinds", KindOfAssistance.values());
        model.addAttribute("errors", errors);
        choices.addTo(model);
        model.addAttribute("steps", List.of(ContentForm.Step.values()));
        return "casework/incoming";
    }
}
