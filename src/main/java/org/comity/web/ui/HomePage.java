package org.comity.web.ui;

import org.comity.node.NodeIdentity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public front page: who runs this node and where to go next. */
@Controller
class HomePage {

    private final NodeIdentity node;

    HomePage(NodeIdentity node) {
        this.node = node;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("node", node);
        return "home";
    }

    /**
     * The sign-in page. {@code ?throttled=N} (set by the failure handler) says sign-in is throttled for
     * N seconds; only a number in range is shown, so a crafted link cannot put words on the page.
     */
    @GetMapping("/login")
    String login(
            @org.springframework.web.bind.annotation.RequestParam(required = false) String throttled, Model model) {
        if (throttled != null && throttled.matches("[0-9]{1,5}")) {
            model.addAttribute("throttledSeconds", Integer.parseInt(throttled));
        }
        return "login";
    }
}
