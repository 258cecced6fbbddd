package org.comity.web.ui;

import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.comity.accounts.Accounts;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;
import org.comity.shared.InvalidInput;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration of users and roles: list, create, disable or enable, reset a password (shown once),
 * clear a sign-in throttle.
 */
@Controller
@RequestMapping("/admin/accounts")
@PreAuthorize("hasRole('ADMIN')")
class AccountPages {

    static final List<String> INPUTS = List.of("username", "displayName", "roles", "password");

    private final Accounts accounts;
    private final java.time.Clock clock;

    AccountPages(Accounts accounts, java.time.Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The create form, bound as posted. */
    record AccountForm(
            @Nullable String username,
            @Nullable String displayName,
            @Nullable Set<Role> roles,
            @Nullable String password) {}

    @GetMapping
    String list(Model model) {
        return page(model, new AccountForm(null, null, Set.of(), null), FieldErrors.none());
    }

    @PostMapping
    String create(AccountForm form, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            var account = accounts.registerWithTemporaryPassword(
                    new NewAccount(form.username(), form.displayName(), form.roles(), form.password()),
                    principal.getName());
            redirect.addFlashAttribute("created", account.username());
            return "redirect:/admin/accounts";
        } catch (InvalidInput e) {
            return page(model, form, FieldErrors.of(e, INPUTS));
        } catch (org.comity.shared.Conflict e) {
            return page(
                    model,
                    form,
                    FieldErrors.of(
                            List.of(new org.comity.shared.Violation("username", e.rule(), e.getMessage())), f -> f));
        }
    }

    @PostMapping("/{username}/enabled")
    String enable(@PathVariable String username, boolean enabled, Principal principal, RedirectAttributes redirect) {
        try {
            accounts.setEnabled(username, enabled, principal.getName());
            redirect.addFlashAttribute("changed", username);
        } catch (org.comity.shared.Conflict e) {
            redirect.addFlashAttribute("refused", e.rule());
        }
        return "redirect:/admin/accounts";
    }

    /** Resetting a password signs its owner out: the list's button asks first, on this page. */
    @GetMapping("/{username}/password")
    String confirmReset(@PathVariable String username, Model model) {
        var account = accounts.find(username).orElseThrow(() -> new org.comity.shared.NotFound("account " + username));
        model.addAttribute("account", account);
        return "web/reset-password";
    }

    /** What was done to one account, newest first (the append-only account audit trail). */
    @GetMapping("/{username}/audit")
    String audit(@PathVariable String username, Model model) {
        var account = accounts.find(username).orElseThrow(() -> new org.comity.shared.NotFound("account " + username));
        model.addAttribute("account", account);
        model.addAttribute("events", accounts.auditTrail(username));
        return "web/account-audit";
    }

    @PostMapping("/{username}/password")
    String resetPassword(
            @PathVariable String username,
            @org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean confirmed,
            Principal principal,
            Model model,
            RedirectAttributes redirect) {
        if (!confirmed) {
            return "redirect:/admin/accounts/{username}/password";
        }
        var password = accounts.resetPassword(username, principal.getName());
        if (username.equals(principal.getName())) {
            // The reset ends this very session, and the flash attributes with it: show the password
            // now, not after a redirect that would land on the sign-in page without it.
            model.addAttribute("resetFor", username);
            model.addAttribute("newPassword", password);
            return page(model, new AccountForm(null, null, Set.of(), null), FieldErrors.none());
        }
        redirect.addFlashAttribute("resetFor", username);
        redirect.addFlashAttribute("newPassword", password);
        return "redirect:/admin/accounts";
    }

    @PostMapping("/{username}/sign-in-throttle")
    String clearThrottle(@PathVariable String username, Principal principal, RedirectAttributes redirect) {
        accounts.clearSignInThrottle(username, principal.getName());
        redirect.addFlashAttribute("throttleCleared", username);
        return "redirect:/admin/accounts";
    }

    private String page(Model model, AccountForm form, FieldErrors errors) {
        var list = accounts.list();
        var throttled = new java.util.HashMap<String, Long>();
        var now = clock.instant();
        for (var account : list) {
            accounts.signInThrottledUntil(account.username())
                    .ifPresent(until -> throttled.put(
                            account.username(),
                            Math.max(1, java.time.Duration.between(now, until).toSeconds())));
        }
        model.addAttribute("accounts", list);
        model.addAttribute("throttled", throttled);
        model.addAttribute("allRoles", EnumSet.allOf(Role.class));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "web/accounts";
    }
}
