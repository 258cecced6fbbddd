package org.comity.casework.ui;

import java.security.Principal;
import java.util.UUID;
import org.comity.casework.Casework;
import org.comity.casework.domain.Command;
import org.comity.casework.domain.RefusalGround;
import org.comity.casework.domain.Request;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.treaty.StateNames;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The requesting side records by hand what the requested State decided, for a request that went on
 * paper: one form per outcome, read as the decision pages read theirs ({@link DecisionForms#decision}),
 * and recorded through the same command a {@code decision} message causes ({@code
 * record-counterpart-decision}). Who may record it is the command's to say.
 */
@Controller
class CounterpartDecisionPages {

    private static final String RECORDERS = "hasAnyRole('CASEWORKER', 'SUPERVISOR')";

    private final Casework casework;
    private final StateNames stateNames;

    CounterpartDecisionPages(Casework casework, StateNames stateNames) {
        this.casework = casework;
        this.stateNames = stateNames;
    }

    @GetMapping("/requests/{id}/counterpart-decision/{outcome}")
    @PreAuthorize(RECORDERS)
    String form(@PathVariable UUID id, @PathVariable String outcome, Model model) {
        return page(casework.get(id), outcome, new LinkedMultiValueMap<>(), FieldErrors.none(), null, model);
    }

    @PostMapping("/requests/{id}/counterpart-decision/{outcome}")
    @PreAuthorize(RECORDERS)
    String record(
            @PathVariable UUID id,
            @PathVariable String outcome,
            @RequestParam MultiValueMap<String, String> posted,
            Model model,
            Principal principal,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        var inputs = inputs(outcome);
        var request = casework.get(id);
        try {
            var decision = DecisionForms.decision(outcome, inputs, posted);
            casework.perform(id, version(posted), new Command.RecordCounterpartDecision(decision), principal.getName());
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(request, outcome, posted, FieldErrors.of(e.violations(), DecisionForms::inputId), null, model);
        } catch (Conflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refusedDetail", e.getMessage());
            return page(casework.get(id), outcome, posted, FieldErrors.none(), e.rule(), model);
        }
        redirect.addFlashAttribute("done", Command.Kind.RECORD_COUNTERPART_DECISION.code());
        return "redirect:/requests/" + id;
    }

    /**
     * What the other State's decision says, per outcome: as our own forms, except that a grant carries
     * no other basis of ours (the inputs' grant flag reads one) and no findings of our assessment.
     */
    private static DecisionForms.Inputs inputs(String outcome) {
        var own = DecisionForms.Inputs.of(outcome);
        return new DecisionForms.Inputs(
                own.reasons(), own.groundRequired(), own.conditions(), own.parts(), own.postponement(), false);
    }

    private String page(
            Request request,
            String outcome,
            MultiValueMap<String, String> values,
            FieldErrors errors,
            @Nullable String refused,
            Model model) {
        model.addAttribute("request", request);
        model.addAttribute("stateNames", stateNames);
        model.addAttribute("outcome", outcome);
        model.addAttribute("outcomes", DecisionForms.OUTCOMES);
        model.addAttribute("inputs", inputs(outcome));
        model.addAttribute("offered", Command.Kind.RECORD_COUNTERPART_DECISION.appliesTo(request.state()));
        model.addAttribute("grounds", RefusalGround.values());
        model.addAttribute(
                "rows",
                java.util.stream.IntStream.range(0, DecisionForms.REASON_ROWS)
                        .boxed()
                        .toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("refused", refused);
        return "casework/counterpart-decision";
    }

    private static @Nullable Long version(MultiValueMap<String, String> posted) {
        var v = posted.getFirst("version");
        try {
            return v == null || v.isBlank() ? null : Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of("version", "version-format", "a whole number");
        }
    }
}
