package org.comity.casework.ui;

import java.security.Principal;
import java.util.UUID;
import org.comity.casework.CounterpartLetters;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A letter to the counterpart of a request that travelled by the exchange, written on the request
 * page (its "Correspondence" part lists the letters sent and received). It leaves as a correspondence
 * message in the same transaction, as {@code POST /api/requests/{id}/letters} sends it. Post, redirect,
 * get: a refused letter comes back with what was typed and the message next to the field.
 */
@Controller
class CorrespondencePages {

    private final CounterpartLetters letters;

    CorrespondencePages(CounterpartLetters letters) {
        this.letters = letters;
    }

    @PostMapping("/requests/{id}/letters")
    @PreAuthorize("hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')")
    String send(
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String text,
            Principal principal,
            RedirectAttributes redirect) {
        try {
            letters.send(id, text, principal.getName());
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("errors", FieldErrors.of(e.violations(), field -> "letter-" + field));
            redirect.addFlashAttribute("letterText", text);
            return "redirect:/requests/" + id + "#letters-title";
        } catch (Conflict e) {
            redirect.addFlashAttribute("refused", e.rule());
            redirect.addFlashAttribute("refusedDetail", e.getMessage());
            return "redirect:/requests/" + id;
        }
        redirect.addFlashAttribute("done", "letter-sent");
        return "redirect:/requests/" + id + "#letters-title";
    }
}
