package org.comity.casework.ui;

import java.security.Principal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.comity.casework.Casework;
import org.comity.casework.domain.Request;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.ReviewerFacts;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review step's form for what the reviewer knows beside the request's content: per offence the
 * flags, death penalty and legal nature as the requested State characterises them, per subject the
 * protection status and relationship to the suspect, the onward recipient and up to {@link #EARLIER_ROWS}
 * earlier requests known from other States. Only choices from closed lists (and State codes and dates):
 * nothing typed. Saving replaces what was recorded and assesses the request again
 * ({@link Casework#recordReviewerFacts}).
 */
@Controller
class ReviewerFactsForm {

    static final int EARLIER_ROWS = 3;

    private static final String WORKERS = "hasAnyRole('CASEWORKER', 'LEGAL_REVIEWER', 'SUPERVISOR')";

    private final Casework casework;

    ReviewerFactsForm(Casework casework) {
        this.casework = casework;
    }

    @GetMapping("/requests/{id}/reviewer-facts")
    @PreAuthorize(WORKERS)
    String form(@PathVariable UUID id, Model model) {
        return page(casework.get(id), casework.reviewerFacts(id), FieldErrors.none(), model);
    }

    @PostMapping("/requests/{id}/reviewer-facts")
    @PreAuthorize(WORKERS)
    String save(
            @PathVariable UUID id,
            @RequestParam MultiValueMap<String, String> posted,
            Model model,
            Principal principal,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        var request = casework.get(id);
        var problems = new ArrayList<Violation>();
        try {
            var facts = facts(request, posted, problems);
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
            casework.recordReviewerFacts(id, version(posted), facts, principal.getName());
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(request, casework.reviewerFacts(id), FieldErrors.of(e.violations(), f -> inputId(f)), model);
        }
        redirect.addFlashAttribute("done", "reviewer-facts");
        return "redirect:/requests/" + id;
    }

    /** The input of a field path: {@code reviewer.earlierRequests[1].date} → {@code earlier-1-date}. */
    static String inputId(String field) {
        return field.replace("reviewer.", "")
                .replace("earlierRequests", "earlier")
                .replace("[", "-")
                .replace("].", "-")
                .replace("]", "")
                .replace('.', '-');
    }

    private static ReviewerFacts facts(
            Request request, MultiValueMap<String, String> posted, List<Violation> problems) {
        var offences = new ArrayList<ReviewerFacts.OffenceFacts>();
        for (int i = 0; i < request.content().offences().size(); i++) {
            var flags = EnumSet.noneOf(OffenceFlag.class);
            for (var flag : OffenceFlag.values()) {
                if (posted.containsKey("offences-" + i + "-flag-" + flag.code())) {
                    flags.add(flag);
                }
            }
            boolean death = posted.containsKey("offences-" + i + "-deathPenalty");
            var nature = choice(ReviewerFacts.LegalNature.class, posted.getFirst("offences-" + i + "-nature"));
            if (!flags.isEmpty() || death || nature != null) {
                offences.add(new ReviewerFacts.OffenceFacts(i, flags, death, nature));
            }
        }
        var subjects = new ArrayList<ReviewerFacts.SubjectFacts>();
        for (int i = 0; i < request.content().subjects().size(); i++) {
            var protection = choice(ReviewerFacts.Protection.class, posted.getFirst("subjects-" + i + "-protection"));
            boolean family = posted.containsKey("subjects-" + i + "-familyOfSuspect");
            if (protection != null || family) {
                subjects.add(new ReviewerFacts.SubjectFacts(i, protection, family));
            }
        }
        var earlier = new ArrayList<ReviewerFacts.EarlierRequest>();
        for (int row = 0; row < EARLIER_ROWS; row++) {
            var prefix = "earlier-" + row + "-";
            var subject = posted.getFirst(prefix + "subject");
            var requesting = posted.getFirst(prefix + "requesting");
            var requested = posted.getFirst(prefix + "requested");
            var date = posted.getFirst(prefix + "date");
            if (blank(subject) && blank(requesting) && blank(requested) && blank(date)) {
                continue;
            }
            var field = "reviewer.earlierRequests[" + row + "].";
            var from = state(requesting, field + "requesting", problems);
            var to = state(requested, field + "requested", problems);
            LocalDate on = null;
            try {
                on = LocalDate.parse(date == null ? "" : date.strip());
            } catch (DateTimeParseException e) {
                problems.add(new Violation(field + "date", "date-format", "a date such as 2026-05-01"));
            }
            int index = -1;
            try {
                index = Integer.parseInt(subject == null ? "" : subject.strip());
            } catch (NumberFormatException e) {
                problems.add(new Violation(field + "subject", "subject-index", "name one of the request's subjects"));
            }
            if (from != null && to != null && on != null && index >= 0) {
                earlier.add(new ReviewerFacts.EarlierRequest(index, from, to, on));
            }
        }
        var recipient = choice(ReviewerFacts.OnwardRecipient.class, posted.getFirst("onwardRecipient"));
        return new ReviewerFacts(offences, subjects, recipient, earlier);
    }

    private static @Nullable CountryCode state(@Nullable String code, String field, List<Violation> problems) {
        try {
            return CountryCode.of(code == null ? "" : code.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            problems.add(new Violation(field, "state-code", "a two-letter State code"));
            return null;
        }
    }

    private static <E extends Enum<E>> @Nullable E choice(Class<E> type, @Nullable String value) {
        if (blank(value)) {
            return null;
        }
        for (var constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw InvalidInput.of("choice", "unknown-choice", "choose one of the listed values");
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static @Nullable Long version(MultiValueMap<String, String> posted) {
        try {
            var v = posted.getFirst("version");
            return v == null ? null : Long.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private String page(Request request, ReviewerFacts facts, FieldErrors errors, Model model) {
        model.addAttribute("request", request);
        model.addAttribute("facts", facts);
        model.addAttribute("flags", OffenceFlag.values());
        model.addAttribute("natures", ReviewerFacts.LegalNature.values());
        model.addAttribute("protections", ReviewerFacts.Protection.values());
        model.addAttribute("recipients", ReviewerFacts.OnwardRecipient.values());
        model.addAttribute(
                "offenceRows",
                IntStream.range(0, request.content().offences().size()).boxed().toList());
        model.addAttribute(
                "subjectRows",
                IntStream.range(0, request.content().subjects().size()).boxed().toList());
        model.addAttribute(
                "earlierRows", IntStream.range(0, EARLIER_ROWS).boxed().toList());
        model.addAttribute("errors", errors);
        return "casework/reviewer-facts";
    }
}
