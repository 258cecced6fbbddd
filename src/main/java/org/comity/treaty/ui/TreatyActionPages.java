package org.comity.treaty.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.comity.shared.Conflict;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.treaty.ActionType;
import org.comity.treaty.NewTreatyAction;
import org.comity.treaty.Treaties;
import org.comity.treaty.TreatyAction;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administration of treaty actions: the recorded actions of one instrument (optionally one party) with
 * their source and who recorded them, recording one action, importing a CSV file with its line-by-line
 * error report, and exporting everything in the import format. The records are append-only; a wrong one
 * cannot be removed from here (see docs/treaty.md).
 */
@Controller
@RequestMapping("/admin/treaty-actions")
@PreAuthorize("hasRole('ADMIN')")
class TreatyActionPages {

    private static final List<String> FIELDS =
            List.of("instrument", "party", "action", "date", "source", "asOf", "note");

    /** At most this many rows are shown; the export has all of them. */
    static final int SHOWN = 500;

    private final Treaties treaties;

    TreatyActionPages(Treaties treaties) {
        this.treaties = treaties;
    }

    /** The list's filter, as the GET form sends it. */
    record Filter(@Nullable String instrument, @Nullable String party) {}

    @GetMapping
    String page(Filter filter, Model model) {
        model.addAttribute("errors", FieldErrors.none());
        model.addAttribute("form", new NewTreatyAction(filter.instrument(), null, null, null, null, null, null, null));
        return render(filter, model);
    }

    @PostMapping
    String record(NewTreatyAction form, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            var action = treaties.record(form, principal.getName(), "console");
            redirect.addFlashAttribute(
                    "recorded",
                    action.instrument() + " " + action.party().value() + " "
                            + action.type().code());
            redirect.addAttribute("instrument", action.instrument());
            // The form posts to #record; without a fragment of its own the redirect would keep that one
            // and open the page below the banner that confirms the record.
            return "redirect:/admin/treaty-actions#main";
        } catch (InvalidInput e) {
            model.addAttribute("errors", FieldErrors.of(e.violations(), TreatyActionPages::input));
        } catch (Conflict e) {
            model.addAttribute("errors", FieldErrors.none());
            model.addAttribute("refused", e.rule());
        }
        model.addAttribute("form", form);
        return render(new Filter(form.instrument(), null), model);
    }

    /** The form's input for a violation: the file format's {@code as_of} is the form's {@code asOf}. */
    private static @Nullable String input(String field) {
        var name = field.equals("as_of") ? "asOf" : field;
        return FIELDS.contains(name) ? name : null;
    }

    @PostMapping("/import")
    String importFile(@RequestParam("file") MultipartFile file, Principal principal, Model model) throws IOException {
        model.addAttribute("errors", FieldErrors.none());
        model.addAttribute("form", new NewTreatyAction(null, null, null, null, null, null, null, null));
        model.addAttribute("fileName", file.getOriginalFilename());
        if (file.isEmpty()) {
            model.addAttribute(
                    "importErrors",
                    FieldErrors.of(InvalidInput.of("file", "file-required", "choose a file"), List.of("file")));
            return render(new Filter(null, null), model);
        }
        model.addAttribute("importErrors", FieldErrors.none());
        try {
            model.addAttribute(
                    "imported",
                    treaties.importActions(
                            new String(file.getBytes(), StandardCharsets.UTF_8),
                            String.valueOf(file.getOriginalFilename()),
                            principal.getName(),
                            "console"));
        } catch (InvalidInput e) {
            model.addAttribute("report", e.violations());
        } catch (Conflict e) {
            model.addAttribute("importRefused", e.rule());
        }
        return render(new Filter(null, null), model);
    }

    @GetMapping(value = "/export.csv", produces = "text/csv")
    ResponseEntity<String> export() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"treaty-actions.csv\"")
                .body(treaties.exportActions());
    }

    private String render(Filter filter, Model model) {
        var instruments = treaties.instruments();
        var instrument = Optional.ofNullable(filter.instrument())
                .map(String::strip)
                .filter(id -> instruments.stream().anyMatch(i -> i.id().equals(id)))
                .orElse(TreatyPages.UNCC);
        Optional<CountryCode> party = Optional.empty();
        if (filter.party() != null && !filter.party().isBlank()) {
            try {
                party = Optional.of(CountryCode.of(filter.party().strip()));
            } catch (IllegalArgumentException e) {
                model.addAttribute("filterError", "country-code");
            }
        }
        var actions = treaties.actions(Optional.of(instrument), party).stream()
                .sorted(Comparator.comparing((TreatyAction a) -> a.party().value())
                        .thenComparing(a -> a.date().orElse(null), Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        model.addAttribute("instruments", instruments);
        model.addAttribute("instrument", instrument);
        model.addAttribute("party", party.map(CountryCode::value).orElse(filter.party()));
        model.addAttribute("actionTypes", ActionType.values());
        model.addAttribute("states", treaties.states(LocaleContextHolder.getLocale()));
        model.addAttribute("fictionalStates", treaties.fictionalStates());
        model.addAttribute("total", actions.size());
        model.addAttribute("actions", actions.stream().limit(SHOWN).toList());
        model.addAttribute("shown", SHOWN);
        if (!model.containsAttribute("importErrors")) {
            model.addAttribute("importErrors", FieldErrors.none());
        }
        return "treaty/actions";
    }
}
