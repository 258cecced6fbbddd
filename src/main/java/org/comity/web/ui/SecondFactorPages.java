package org.comity.web.ui;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.List;
import org.comity.accounts.Accounts;
import org.comity.accounts.SecondFactorOffer;
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
 * Enrolling a TOTP second factor: the page shows a new secret (as text and as an {@code otpauth://}
 * URI) and asks for a code from the app to prove it was set up. The secret waits in the session until
 * then. Once enrolled, only an administrator's password reset removes it (a lost authenticator).
 */
@Controller
@RequestMapping("/account/second-factor")
@PreAuthorize("isAuthenticated()")
class SecondFactorPages {

    private static final String OFFER = SecondFactorPages.class.getName() + ".offer";

    private final Accounts accounts;

    SecondFactorPages(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    String show(Principal principal, HttpSession session, Model model) {
        return page(principal, session, model, FieldErrors.none());
    }

    @PostMapping
    String enrol(
            @RequestParam(required = false) @Nullable String code,
            Principal principal,
            HttpSession session,
            Model model,
            RedirectAttributes redirect) {
        if (!(session.getAttribute(OFFER) instanceof SecondFactorOffer offer)
                || accounts.hasSecondFactor(principal.getName())) {
            return "redirect:/account/second-factor";
        }
        try {
            accounts.enrolSecondFactor(principal.getName(), offer, code);
        } catch (InvalidInput e) {
            return page(principal, session, model, FieldErrors.of(e, List.of("code")));
        }
        session.removeAttribute(OFFER);
        redirect.addFlashAttribute("enrolled", true);
        return "redirect:/account/second-factor";
    }

    private String page(Principal principal, HttpSession session, Model model, FieldErrors errors) {
        if (accounts.hasSecondFactor(principal.getName())) {
            model.addAttribute("hasSecondFactor", true);
        } else {
            var offer = session.getAttribute(OFFER) instanceof SecondFactorOffer existing
                    ? existing
                    : accounts.offerSecondFactor(principal.getName());
            session.setAttribute(OFFER, offer);
            model.addAttribute("offer", offer);
        }
        model.addAttribute("errors", errors);
        return "web/second-factor";
    }
}
