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
import org.comity.shared.NotFound;
import org.comity.treaty.ActionType;
import org.comity.treaty.NewCorrection;
import org.comity.treaty.NewTreatyAction;
import org.comity.treaty.NewWithdrawal;
import org.comity.treaty.Treaties;
import org.comity.treaty.TreatyAction;
import org.comity.treaty.WithdrawalReason;
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
 * error report, exporting everything in the import format, and withdrawing or correcting a wrong record.
 * The records are append-only: a withdrawn record stays in the list, struck through with who withdrew it,
 * when and why, and a correction is a new record that supersedes it (see docs/treaty.md).
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

    /**
     * The withdrawal form: the record to withdraw (an added one by {@code id}, a shipped one by its key),
     * the reason and the note; with {@code correct} set, the corrected action ({@code new*}) that
     * supersedes it, stored together with the withdrawal or not at all.
     */
    record WithdrawalForm(
            @Nullable String id,
            @Nullable String instrument,
            @Nullable String party,
            @Nullable String action,
            @Nullable String date,
            @Nullable String standing,
            @Nullable String reason,
            @Nullable String note,
            @Nullable String correct,
            @Nullable String newInstrument,
            @Nullable String newParty,
            @Nullable String newAction,
            @Nullable String newDate,
            @Nullable String newSource,
            @Nullable String newAsOf,
            @Nullable String newNote,
            @Nullable String newStanding) {

        static WithdrawalForm empty() {
            return new WithdrawalForm(
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null);
        }

        public boolean correcting() {
            return correct != null && !correct.isBlank();
        }
    }

    private static final List<String> WITHDRAWAL_FIELDS = List.of(
            "id",
            "instrument",
            "party",
            "action",
            "date",
            "standing",
            "reason",
            "note",
            "newInstrument",
            "newParty",
            "newAction",
            "newDate",
            "newSource",
            "newAsOf",
            "newNote",
            "newStanding");

    @GetMapping
    String page(Filter filter, Model model) {
        model.addAttribute("errors", FieldErrors.none());
        model.addAttribute("form", new NewTreatyAction(filter.instrument(), null, null, null, null, null, null, null));
        return render(filter, model);
    }

    @PostMapping("/withdrawals")
    String withdraw(WithdrawalForm form, Principal principal, Model model, RedirectAttributes redirect) {
        try {
            var withdrawal = new NewWithdrawal(
                    recordId(form.id()),
                    blankAsNull(form.instrument()),
                    blankAsNull(form.party()),
                    blankAsNull(form.action()),
                    blankAsNull(form.date()),
                    blankAsNull(form.standing()),
                    form.reason(),
                    form.note());
            var done = form.correcting()
                    ? treaties.correct(
                            new NewCorrection(
                                    withdrawal,
                                    new NewTreatyAction(
                                            form.newInstrument(),
                                            form.newParty(),
                                            form.newAction(),
                                            form.newDate(),
                                            form.newSource(),
                                            form.newAsOf(),
                                            form.newNote(),
                                            form.newStanding())),
                            principal.getName(),
                            "console")
                    : treaties.withdraw(withdrawal, principal.getName(), "console");
            var old = done.withdrawn();
            redirect.addFlashAttribute(
                    done.correction().isPresent() ? "corrected" : "withdrawn",
                    old.instrument() + " " + old.party().value() + " "
                            + old.type().code() + " "
                            + old.date().map(java.time.LocalDate::toString).orElse("?"));
            redirect.addAttribute("instrument", old.instrument());
            return "redirect:/admin/treaty-actions#main";
        } catch (InvalidInput e) {
            model.addAttribute("withdrawalErrors", FieldErrors.of(e.violations(), TreatyActionPages::withdrawalInput));
        } catch (Conflict e) {
            model.addAttribute("withdrawalRefused", e.rule());
        } catch (NotFound e) {
            model.addAttribute("withdrawalRefused", "action-not-found");
        }
        model.addAttribute("withdrawalForm", form);
        model.addAttribute("errors", FieldErrors.none());
        model.addAttribute("form", new NewTreatyAction(form.instrument(), null, null, null, null, null, null, null));
        return render(new Filter(form.instrument(), null), model);
    }

    /** A number, or a value {@link org.comity.treaty.Treaties#withdraw} refuses as not a record id. */
    private static @Nullable Long recordId(@Nullable String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw InvalidInput.of("id", "positive", "the id of a record added on this node");
        }
    }

    private static @Nullable String blankAsNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** The form's input for a violation of the withdrawal ({@code withdrawal.reason}) or correction. */
    private static @Nullable String withdrawalInput(String field) {
        String name;
        if (field.startsWith("action.")) {
            var rest = field.substring("action.".length());
            rest = rest.equals("as_of") ? "asOf" : rest;
            name = "new" + Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
        } else {
            name = field.startsWith("withdrawal.") ? field.substring("withdrawal.".length()) : field;
        }
        // Prefixed: the record form above has inputs of the same names, and the error summary links to ids.
        return WITHDRAWAL_FIELDS.contains(name) ? "w-" + name : null;
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
        if (!model.containsAttribute("withdrawalErrors")) {
            model.addAttribute("withdrawalErrors", FieldErrors.none());
        }
        if (!model.containsAttribute("withdrawalForm")) {
            model.addAttribute("withdrawalForm", WithdrawalForm.empty());
        }
        model.addAttribute("reasons", WithdrawalReason.values());
        return "treaty/actions";
    }
}
