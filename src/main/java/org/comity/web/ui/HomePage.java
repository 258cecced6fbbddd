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

    @GetMapping("/login")
    String login() {
        return "login";
    }
}
