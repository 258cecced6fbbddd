package org.comity.web.ui;

import org.comity.accounts.OidcSignIn;
import org.comity.node.NodeIdentity;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public front page: who runs this node and where to go next. */
@Controller
class HomePage {

    private final NodeIdentity node;
    private final @Nullable OidcSignIn oidc;

    HomePage(NodeIdentity node, ObjectProvider<OidcSignIn> oidc) {
        this.node = node;
        this.oidc = oidc.getIfAvailable();
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("node", node);
        return "home";
    }

    /**
     * The sign-in page. {@code ?throttled=N} (set by the failure handler) says sign-in is throttled for
     * N seconds; only a number in range is shown, so a crafted link cannot put words on the page.
     * Likewise {@code ?oidc=…} after a refused OIDC sign-in shows only one of {@link OidcSignIn#OUTCOMES}.
     */
    @GetMapping("/login")
    String login(
            @RequestParam(required = false) @Nullable String throttled,
            @RequestParam(name = "oidc", required = false) @Nullable String outcome,
            Model model) {
        if (throttled != null && throttled.matches("[0-9]{1,5}")) {
            model.addAttribute("throttledSeconds", Integer.parseInt(throttled));
        }
        model.addAttribute("passwordForm", oidc == null || oidc.passwordFormOffered());
        if (oidc != null) {
            model.addAttribute("oidcName", oidc.displayName());
            model.addAttribute("oidcStart", OidcSignIn.START);
            if (outcome != null && OidcSignIn.OUTCOMES.contains(outcome)) {
                model.addAttribute("oidcOutcome", outcome);
            }
        }
        return "login";
    }
}
