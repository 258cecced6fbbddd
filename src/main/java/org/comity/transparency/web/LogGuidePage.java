package org.comity.transparency.web;

import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** "How to verify": what the log guarantees and what it does not, and how to check it without trusting this node. */
@Controller
class LogGuidePage {

    private final TransparencyLog log;

    LogGuidePage(TransparencyLog log) {
        this.log = log;
    }

    @GetMapping("/log/verify")
    String page(Model model) {
        var checkpoint = Checkpoint.parse(log.checkpoint().text());
        model.addAttribute("origin", log.origin());
        model.addAttribute("verifierKey", log.verifierKey());
        model.addAttribute("size", checkpoint.size());
        model.addAttribute(
                "node", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
        return "transparency/verify";
    }
}
