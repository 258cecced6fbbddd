package org.comity.web.ui;

import java.security.Principal;
import java.util.List;
import org.comity.accounts.Accounts;
import org.comity.shared.InvalidInput;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Where users change their own password, and where a password an administrator chose must be
 * replaced before any other page (web.security.EndedSessions sends such sessions here). Errors are
 * shown after a redirect (post/redirect/get), so reloading the page never re-posts or gives a 405.
 */
@Controller
@RequestMapping("/account/password")
@PreAuthorize("isAuthenticated()")
class PasswordPage {

    static final List<String> INPUTS = List.of("currentPassword", "newPassword");

    private final Accounts accounts;

    PasswordPage(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    String form(Model model) {
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", FieldErrors.none());
        }
        return "web/password";
    }

    @PostMapping
    String change(
            @RequestParam(required = false) @Nullable String currentPassword,
            @RequestParam(required = false) @Nullable String newPassword,
            Principal principal,
            RedirectAttributes redirect) {
        try {
            accounts.changeOwnPassword(principal.getName(), currentPassword, newPassword);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("errors", FieldErrors.of(e, INPUTS));
            return "redirect:/account/password";
        }
        redirect.addFlashAttribute("passwordChanged", true);
        return "redirect:/console";
    }
}
