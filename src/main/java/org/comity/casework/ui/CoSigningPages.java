package org.comity.casework.ui;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.UUID;
import org.comity.casework.Casework;
import org.comity.casework.EmergencyCoSigning;
import org.comity.exchange.CoSignatures;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.treaty.StateNames;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The supervisor's co-signature of an emergency request in the console (docs/exchange.md, "Emergency
 * requests: the supervisor's co-signature"), the same three steps as the API: prepare the message (a
 * POST, since it fixes the envelope), copy its signing input to the device that holds the supervisor's
 * key and sign it there ({@code comity exchange co-sign}), paste the signature back and approve. The
 * private key never reaches the node; the page shows the envelope the supervisor signs.
 */
@Controller
class CoSigningPages {

    private static final String SUPERVISORS = "hasRole('SUPERVISOR')";
    static final String CHANNEL = "console";

    private final Casework casework;
    private final EmergencyCoSigning coSigning;
    private final StateNames stateNames;

    CoSigningPages(Casework casework, EmergencyCoSigning coSigning, StateNames stateNames) {
        this.casework = casework;
        this.coSigning = coSigning;
        this.stateNames = stateNames;
    }

    /** What the co-signing form posts. */
    record CoSignatureForm(
            @Nullable UUID messageId,
            @Nullable String keyId,
            @Nullable String signature,
            @Nullable Long version) {}

    @GetMapping("/requests/{id}/co-signing")
    @PreAuthorize(SUPERVISORS)
    String page(@PathVariable UUID id, Principal principal, Model model, HttpServletResponse response) {
        var refused = model.getAttribute("refused") instanceof String r ? r : null;
        return page(id, principal, model, FieldErrors.none(), refused, null, response);
    }

    @PostMapping("/requests/{id}/co-signing")
    @PreAuthorize(SUPERVISORS)
    String prepare(@PathVariable UUID id, Principal principal, RedirectAttributes redirect) {
        try {
            coSigning.signingInput(id, principal.getName());
        } catch (Conflict e) {
            redirect.addFlashAttribute("refused", e.rule());
            redirect.addFlashAttribute("refusedDetail", e.getMessage());
        } catch (NotFound e) {
            redirect.addFlashAttribute("refused", "no-supervisor-key");
        }
        return "redirect:/requests/" + id + "/co-signing";
    }

    @PostMapping("/requests/{id}/co-signature")
    @PreAuthorize(SUPERVISORS)
    String coSign(
            @PathVariable UUID id,
            CoSignatureForm form,
            Principal principal,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            coSigning.coSignAndApprove(
                    id, form.messageId(), form.keyId(), form.signature(), form.version(), principal.getName(), CHANNEL);
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(
                    id, principal, model, FieldErrors.of(e.violations(), f -> "co-sign-" + f), null, form, response);
        } catch (Conflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refusedDetail", e.getMessage());
            return page(id, principal, model, FieldErrors.none(), e.rule(), form, response);
        }
        redirect.addFlashAttribute("done", "co-sign");
        return "redirect:/requests/" + id;
    }

    private String page(
            UUID id,
            Principal principal,
            Model model,
            FieldErrors errors,
            @Nullable String refused,
            @Nullable CoSignatureForm posted,
            HttpServletResponse response) {
        var request = casework.get(id);
        CoSignatures.SigningInput input = null;
        var problem = refused;
        try {
            input = coSigning.prepared(id, principal.getName()).orElse(null);
        } catch (Conflict e) {
            problem = problem == null ? e.rule() : problem;
            if (response.getStatus() < 400) {
                response.setStatus(HttpStatus.CONFLICT.value());
            }
        } catch (NotFound e) {
            problem = problem == null ? "no-supervisor-key" : problem;
        }
        model.addAttribute("request", request);
        model.addAttribute("stateNames", stateNames);
        model.addAttribute("input", input);
        model.addAttribute("posted", posted);
        model.addAttribute("errors", errors);
        model.addAttribute("refused", problem);
        return "casework/co-signing";
    }
}
