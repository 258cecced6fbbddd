package org.comity.transparency.web;

import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The public page of the log: its origin, the verifier key to trust, the latest checkpoint, how to verify. */
@Controller
class LogPage {

    private final TransparencyLog log;

    LogPage(TransparencyLog log) {
        this.log = log;
    }

    @GetMapping("/log")
    String page(Model model) {
        var note = log.checkpoint();
        model.addAttribute("origin", log.origin());
        model.addAttribute("verifierKey", log.verifierKey());
        model.addAttribute("checkpoint", Checkpoint.parse(note.text()));
        model.addAttribute("note", note.serialize());
        return "transparency/log";
    }
}
