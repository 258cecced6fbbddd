package org.comity.casework.ui;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.comity.casework.CaseConversations;
import org.comity.exchange.MessageProblem;
import org.comity.exchange.TrustDirectory;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the exchange refused, on both sides (docs/console.md, "Exchange"): messages this node accepted
 * at its inbox but would not register or record (casework's rule), messages its inbox refused at a
 * verification step, and deliveries of its own messages that the receiver refused, whose receipt did
 * not verify, or that were given up — each with its request when its conversation names one here.
 * Closed codes only; nothing of a refused message's content is kept to show.
 */
@Controller
class RefusalPages {

    /** Rows per list and page: the page is a watch list, paged back in time, all three lists together. */
    static final int PAGE = 50;

    private final CaseConversations conversations;
    private final TrustDirectory trust;

    RefusalPages(CaseConversations conversations, TrustDirectory trust) {
        this.conversations = conversations;
        this.trust = trust;
    }

    @GetMapping("/exchange/refusals")
    @PreAuthorize("hasAnyRole('ADMIN', 'SUPERVISOR', 'AUDITOR')")
    String page(@RequestParam(defaultValue = "0") int page, Model model) {
        if (page < 0 || page > 10_000) {
            throw new InvalidInput(List.of(new Violation("page", "page-range", "a page from 0 to 10000")));
        }
        int offset = page * PAGE;
        // One row more than shown says whether an older page has anything.
        var refused = conversations.refusals(PAGE + 1, offset);
        var inbox = trust.messageProblems("inbox", PAGE + 1, offset);
        var sent = trust.messageProblems("outbox", PAGE + 1, offset);
        boolean older = refused.size() > PAGE || inbox.size() > PAGE || sent.size() > PAGE;
        sent = sent.subList(0, Math.min(PAGE, sent.size()));
        var ids = new LinkedHashSet<java.util.UUID>();
        sent.stream().map(MessageProblem::conversation).filter(Objects::nonNull).forEach(ids::add);
        model.addAttribute("refused", refused.subList(0, Math.min(PAGE, refused.size())));
        model.addAttribute("inbox", inbox.subList(0, Math.min(PAGE, inbox.size())));
        model.addAttribute("outbox", sent);
        model.addAttribute("requestOf", conversations.requestsOf(ids));
        model.addAttribute("page", page);
        model.addAttribute("older", older);
        model.addAttribute("pageSize", PAGE);
        return "casework/refusals";
    }
}
