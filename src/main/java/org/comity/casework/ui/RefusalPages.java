package org.comity.casework.ui;

import java.util.LinkedHashSet;
import java.util.Objects;
import org.comity.casework.CaseConversations;
import org.comity.exchange.MessageProblem;
import org.comity.exchange.TrustDirectory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * What the exchange refused, on both sides (docs/console.md, "Exchange"): messages this node accepted
 * at its inbox but would not register or record (casework's rule), messages its inbox refused at a
 * verification step, and deliveries of its own messages that the receiver refused, whose receipt did
 * not verify, or that were given up — each with its request when its conversation names one here.
 * Closed codes only; nothing of a refused message's content is kept to show.
 */
@Controller
class RefusalPages {

    /** The latest this many of each list: the page is a watch list, the API and audit hold the rest. */
    static final int LIMIT = 100;

    private final CaseConversations conversations;
    private final TrustDirectory trust;

    RefusalPages(CaseConversations conversations, TrustDirectory trust) {
        this.conversations = conversations;
        this.trust = trust;
    }

    @GetMapping("/exchange/refusals")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR', 'AUDITOR')")
    String page(Model model) {
        var problems = trust.messageProblems(LIMIT);
        var sent = problems.stream().filter(p -> "outbox".equals(p.channel())).toList();
        var ids = new LinkedHashSet<java.util.UUID>();
        sent.stream().map(MessageProblem::conversation).filter(Objects::nonNull).forEach(ids::add);
        model.addAttribute("refused", conversations.refusals(LIMIT));
        model.addAttribute(
                "inbox",
                problems.stream().filter(p -> "inbox".equals(p.channel())).toList());
        model.addAttribute("outbox", sent);
        model.addAttribute("requestOf", conversations.requestsOf(ids));
        return "casework/refusals";
    }
}
