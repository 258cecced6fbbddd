package org.comity.web.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.comity.accounts.Accounts;
import org.comity.accounts.SignInThrottled;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The local one-time code after a sign-in through an OpenID provider that did not vouch for a second
 * factor, when the account has one ({@code Accounts.SessionState.MUST_SHOW_CODE}): until it is shown,
 * the session reaches only this page. A right code replaces the session's authentication with one
 * that no longer owes it.
 */
@Controller
@RequestMapping("/account/one-time-code")
@PreAuthorize("isAuthenticated()")
class OneTimeCodePage {

    private final Accounts accounts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    OneTimeCodePage(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    String show(Model model) {
        model.addAttribute("errors", FieldErrors.none());
        return "web/one-time-code";
    }

    @PostMapping
    String check(
            @RequestParam(required = false) @Nullable String code,
            Authentication authentication,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Authentication shown;
        try {
            shown = accounts.showOneTimeCode(authentication, code, request.getRemoteAddr());
        } catch (InvalidInput e) {
            model.addAttribute("errors", FieldErrors.of(e, List.of("code")));
            return "web/one-time-code";
        } catch (SignInThrottled e) {
            model.addAttribute("errors", FieldErrors.none());
            model.addAttribute("throttledSeconds", e.retryAfterSeconds());
            return "web/one-time-code";
        } catch (Conflict e) {
            return "redirect:/console";
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(shown);
        SecurityContextHolder.setContext(context);
        // A new session id for the fully signed-in session, as after a password sign-in.
        request.changeSessionId();
        contexts.saveContext(context, request, response);
        return "redirect:/console";
    }
}
