package org.comity.casework.ui;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.comity.casework.Casework;
import org.comity.casework.domain.Bars;
import org.comity.casework.domain.Decision;
import org.comity.casework.domain.RefusalGround;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestState;
import org.comity.safeguards.Finding;
import org.comity.safeguards.Severity;
import org.comity.safeguards.StoredAssessment;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.shared.Violation;
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
 * One form per outcome (granted, with conditions, partially, postponed, refused), each with only the
 * inputs its decision has: reasons (several, each with a ground when refusing and the findings it rests
 * on), conditions, the granted and refused parts, the postponement's reason and date, and — for a grant
 * whose only bars say the treaty does not oblige — the other basis it rests on. Input names are the
 * decision's field paths ({@code reasons[1].ground}), so a problem the domain names lands on its input.
 */
@Controller
class DecisionForms {

    static final List<String> OUTCOMES =
            List.of("granted", "granted-with-conditions", "partially-granted", "postponed", "refused");

    /** Reason rows each form offers; blank rows are ignored. */
    static final int REASON_ROWS = 3;

    private static final String DECIDERS = "hasAnyRole('LEGAL_REVIEWER', 'SUPERVISOR')";

    private final Casework casework;
    private final StateNames stateNames;

    DecisionForms(Casework casework, StateNames stateNames) {
        this.casework = casework;
        this.stateNames = stateNames;
    }

    /** What one outcome's form asks for. */
    record Inputs(
            boolean reasons,
            boolean groundRequired,
            boolean conditions,
            boolean parts,
            boolean postponement,
            boolean grant) {

        static Inputs of(String outcome) {
            return switch (outcome) {
                case "granted" -> new Inputs(true, false, false, false, false, true);
                case "granted-with-conditions" -> new Inputs(true, false, true, false, false, true);
                case "partially-granted" -> new Inputs(true, true, false, true, false, true);
                case "postponed" -> new Inputs(false, false, false, false, true, false);
                case "refused" -> new Inputs(true, true, false, false, false, false);
                default -> throw new NotFound("decision form " + outcome);
            };
        }
    }

    @GetMapping("/requests/{id}/decision/{outcome}")
    @PreAuthorize(DECIDERS)
    String form(@PathVariable UUID id, @PathVariable String outcome, Model model, Principal principal) {
        return page(casework.get(id), outcome, new LinkedMultiValueMap<>(), FieldErrors.none(), null, model, principal);
    }

    @PostMapping("/requests/{id}/decision/{outcome}")
    @PreAuthorize(DECIDERS)
    String propose(
            @PathVariable UUID id,
            @PathVariable String outcome,
            @RequestParam MultiValueMap<String, String> posted,
            Model model,
            Principal principal,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        var inputs = Inputs.of(outcome);
        var request = casework.get(id);
        try {
            var decision = decision(outcome, inputs, posted);
            casework.decide(id, version(posted), decision, principal.getName());
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(
                    request,
                    outcome,
                    posted,
                    FieldErrors.of(e.violations(), DecisionForms::inputId),
                    null,
                    model,
                    principal);
        } catch (Conflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("refusedDetail", e.getMessage());
            return page(casework.get(id), outcome, posted, FieldErrors.none(), e.rule(), model, principal);
        }
        redirect.addFlashAttribute("done", "decide");
        return "redirect:/requests/" + id;
    }

    /** The id of the input for a decision's field path: {@code reasons[1].ground} → {@code reasons-1-ground}. */
    static String inputId(String field) {
        return field.replace("[", "-").replace("].", "-").replace("]", "").replace('.', '-');
    }

    private String page(
            Request request,
            String outcome,
            MultiValueMap<String, String> values,
            FieldErrors errors,
            @Nullable String refused,
            Model model,
            Principal principal) {
        var inputs = Inputs.of(outcome);
        var assessment = casework.assessment(request.id(), principal.getName())
                .map(StoredAssessment::assessment)
                .orElse(null);
        var findings = assessment == null ? List.<Finding>of() : assessment.findings();
        var bars = findings.stream()
                .filter(f -> f.severity() == Severity.BAR)
                .map(Finding::rule)
                .distinct()
                .toList();
        model.addAttribute("request", request);
        model.addAttribute("stateNames", stateNames);
        model.addAttribute("outcome", outcome);
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute("inputs", inputs);
        model.addAttribute("underReview", request.state() instanceof RequestState.UnderReview);
        model.addAttribute(
                "consulted",
                request.state() instanceof RequestState.UnderReview u
                        && !u.consultations().isEmpty());
        model.addAttribute("findings", findings);
        model.addAttribute("bars", bars);
        // Another basis answers a bar only where the treaty alone says no; any other bar keeps grants shut.
        model.addAttribute(
                "otherBasisOffered",
                inputs.grant() && !bars.isEmpty() && Bars.forbidding(bars).isEmpty());
        model.addAttribute(
                "barsForbid", inputs.grant() && !Bars.forbidding(bars).isEmpty());
        model.addAttribute("grounds", RefusalGround.values());
        model.addAttribute("bases", Decision.OtherBasis.Kind.values());
        model.addAttribute(
                "rows", java.util.stream.IntStream.range(0, REASON_ROWS).boxed().toList());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("refused", refused);
        return "casework/decision";
    }

    private static @Nullable Long version(MultiValueMap<String, String> posted) {
        var v = posted.getFirst("version");
        try {
            return v == null || v.isBlank() ? null : Long.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of("version", "version-format", "a whole number");
        }
    }

    /** The decision the posted form of {@code outcome} says, reading only that outcome's inputs. */
    static Decision decision(String outcome, Inputs inputs, MultiValueMap<String, String> posted) {
        var problems = new ArrayList<Violation>();
        List<Decision.Reason> reasons = inputs.reasons() ? reasons(inputs, posted, problems) : List.of();
        var basis = inputs.grant() ? otherBasis(posted, problems) : null;
        LocalDate until = null;
        if (inputs.postponement()) {
            var text = text(posted, "until");
            if (text != null) {
                try {
                    until = LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    problems.add(new Violation("until", "date-format", "a date as YYYY-MM-DD"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return switch (outcome) {
            case "granted" -> new Decision.Grant(reasons, basis);
            case "granted-with-conditions" ->
                new Decision.GrantWithConditions(lines(text(posted, "conditions")), reasons, basis);
            case "partially-granted" ->
                new Decision.PartialGrant(text(posted, "granted"), text(posted, "refused"), reasons, basis);
            case "postponed" -> new Decision.Postpone(text(posted, "reason"), until, values(posted, "findings"));
            case "refused" -> new Decision.Refuse(reasons);
            default -> throw new NotFound("decision form " + outcome);
        };
    }

    private static List<Decision.Reason> reasons(
            Inputs inputs, MultiValueMap<String, String> posted, List<Violation> problems) {
        var reasons = new ArrayList<Decision.Reason>();
        for (int row = 0; row < REASON_ROWS; row++) {
            var prefix = "reasons[" + row + "].";
            RefusalGround ground = null;
            var groundText = inputs.groundRequired() ? text(posted, prefix + "ground") : null;
            if (groundText != null) {
                try {
                    ground = RefusalGround.valueOf(groundText);
                } catch (IllegalArgumentException e) {
                    problems.add(new Violation(prefix + "ground", "ground-required", "choose a ground"));
                }
            }
            var explanation = text(posted, prefix + "explanation");
            var findings = values(posted, prefix + "findings");
            if (ground == null && groundText == null && explanation == null && findings.isEmpty()) {
                continue; // an unused row
            }
            reasons.add(new Decision.Reason(ground, explanation, findings));
        }
        return reasons;
    }

    private static Decision.@Nullable OtherBasis otherBasis(
            MultiValueMap<String, String> posted, List<Violation> problems) {
        var kind = text(posted, "otherBasis.kind");
        var instrument = text(posted, "otherBasis.instrument");
        var explanation = text(posted, "otherBasis.explanation");
        if (kind == null && instrument == null && explanation == null) {
            return null;
        }
        Decision.OtherBasis.Kind basis = null;
        if (kind != null) {
            try {
                basis = Decision.OtherBasis.Kind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                problems.add(new Violation("otherBasis.kind", "basis-required", "choose the other basis"));
            }
        }
        return new Decision.OtherBasis(basis, instrument, explanation);
    }

    private static @Nullable String text(MultiValueMap<String, String> posted, String name) {
        var value = posted.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> values(MultiValueMap<String, String> posted, String name) {
        var values = posted.get(name);
        return values == null
                ? List.of()
                : values.stream()
                        .filter(v -> !v.isBlank())
                        .map(String::strip)
                        .distinct()
                        .toList();
    }

    private static List<String> lines(@Nullable String text) {
        return text == null
                ? List.of()
                : text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
