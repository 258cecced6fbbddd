package org.comity.treaty.ui;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.Instrument;
import org.comity.treaty.Progress;
import org.comity.treaty.Treaties;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Treaty pages: each instrument with its status and, for those joined by consent, its progress toward
 * entry into force (the UNCC's toward 40 ratifications as a chart drawn on the server in SVG); and the
 * legal basis between two chosen States on a date.
 */
@Controller
@PreAuthorize("isAuthenticated()")
class TreatyPages {

    static final String UNCC = "UNCC";

    private final Treaties treaties;

    TreatyPages(Treaties treaties) {
        this.treaties = treaties;
    }

    /** One instrument's line on the status page; progress only for instruments joined by consent. */
    record Status(Instrument instrument, @Nullable Progress progress) {}

    @GetMapping("/treaties")
    String status(Model model) {
        var statuses = new ArrayList<Status>();
        for (Instrument instrument : treaties.instruments()) {
            Progress progress = null;
            try {
                progress = treaties.progress(instrument.id(), Optional.empty());
            } catch (InvalidInput e) {
                progress = null;
            }
            statuses.add(new Status(instrument, progress));
        }
        model.addAttribute("statuses", statuses);
        var uncc = treaties.progress(UNCC, Optional.empty());
        model.addAttribute("uncc", uncc);
        model.addAttribute("chart", ProgressChart.of(uncc));
        return "treaty/status";
    }

    /** The legal-basis question as the form posts it (GET). */
    record BasisForm(
            @Nullable String a,
            @Nullable String b,
            @Nullable String date) {}

    @GetMapping("/treaties/legal-basis")
    String legalBasis(BasisForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("states", treaties.states(LocaleContextHolder.getLocale()));
        model.addAttribute("fictionalStates", treaties.fictionalStates());
        model.addAttribute("errors", FieldErrors.none());
        if (form.a() == null
                || form.b() == null
                || form.a().isBlank()
                || form.b().isBlank()) {
            return "treaty/legal-basis";
        }
        var problems = new ArrayList<Violation>();
        var a = code(form.a(), "a", problems);
        var b = code(form.b(), "b", problems);
        Optional<LocalDate> date = Optional.empty();
        if (form.date() != null && !form.date().isBlank()) {
            try {
                date = Optional.of(LocalDate.parse(form.date().strip()));
            } catch (DateTimeParseException e) {
                problems.add(new Violation("date", "date-format", "a date as YYYY-MM-DD"));
            }
        }
        try {
            if (!problems.isEmpty()) {
                throw new InvalidInput(problems);
            }
            model.addAttribute(
                    "basis",
                    treaties.legalBasis(a, b, date).localised(treaties.reasonsIn(LocaleContextHolder.getLocale())));
        } catch (InvalidInput e) {
            model.addAttribute("errors", FieldErrors.of(e, List.of("a", "b", "date")));
        }
        return "treaty/legal-basis";
    }

    private static @Nullable CountryCode code(String value, String input, List<Violation> problems) {
        try {
            return CountryCode.of(value);
        } catch (IllegalArgumentException e) {
            problems.add(new Violation(input, "country-code", "a two-letter ISO 3166-1 code, such as FR"));
            return null;
        }
    }
}
