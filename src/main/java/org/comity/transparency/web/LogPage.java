package org.comity.transparency.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.comity.shared.Violation;
import org.comity.transparency.EventType;
import org.comity.transparency.LogEntry;
import org.comity.transparency.Outcome;
import org.comity.transparency.TransparencyLog;
import org.comity.transparency.domain.checkpoint.Checkpoint;
import org.comity.transparency.persistence.JdbcLogStore;
import org.comity.treaty.Treaties;
import org.comity.web.FieldErrors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The public page of the log: its origin, the verifier key to trust, the latest checkpoint, and the
 * entries, newest first, filtered by State, kind, event, outcome and day. Paging is by index ("older
 * than entry n"), which reads one index range per page however deep the reader goes.
 */
@Controller
class LogPage {

    static final int PAGE_SIZE = 25;

    private static final Pattern STATE = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    private final TransparencyLog log;
    private final MessageSource messages;
    private final Treaties treaties;

    LogPage(TransparencyLog log, MessageSource messages, Treaties treaties) {
        this.log = log;
        this.messages = messages;
        this.treaties = treaties;
    }

    /** The search form as typed: every field is optional and checked before use. */
    record Search(
            @Nullable String state,
            @Nullable String role,
            @Nullable String kind,
            @Nullable String event,
            @Nullable String outcome,
            @Nullable String from,
            @Nullable String to,
            @Nullable String before) {

        /** The query string of these filters (without {@code before}), for the pager links. */
        String query() {
            var uri = UriComponentsBuilder.newInstance();
            add(uri, "state", state);
            add(uri, "role", role);
            add(uri, "kind", kind);
            add(uri, "event", event);
            add(uri, "outcome", outcome);
            add(uri, "from", from);
            add(uri, "to", to);
            String query = uri.build().encode().getQuery();
            return query == null ? "" : query;
        }

        private static void add(UriComponentsBuilder uri, String name, @Nullable String value) {
            if (value != null && !value.isBlank()) {
                uri.queryParam(name, value.strip());
            }
        }
    }

    @GetMapping("/log")
    String page(Search search, Model model, Locale locale, HttpServletResponse response) {
        var note = log.checkpoint();
        var checkpoint = Checkpoint.parse(note.text());
        var words = new Words(messages, locale, treaties);
        model.addAttribute("origin", log.origin());
        model.addAttribute("verifierKey", log.verifierKey());
        model.addAttribute("checkpoint", checkpoint);
        model.addAttribute("note", note.serialize());
        model.addAttribute("search", search);

        var facets = log.facets();
        Map<String, String> states = new LinkedHashMap<>();
        facets.states().stream()
                .map(code -> Map.entry(code, words.state(code)))
                .sorted(Map.Entry.comparingByValue(java.text.Collator.getInstance(locale)))
                .forEach(e -> states.put(e.getKey(), e.getValue()));
        Map<String, String> kinds = new LinkedHashMap<>();
        facets.kinds().forEach(k -> kinds.put(k, words.kind(k)));
        Map<String, String> events = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            events.put(type.code(), words.event(type.code()));
        }
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome.code(), words.outcome(outcome.code()));
        }
        model.addAttribute("states", states);
        model.addAttribute("kinds", kinds);
        model.addAttribute("events", events);
        model.addAttribute("outcomes", outcomes);

        var problems = new ArrayList<Violation>();
        var filter = filter(search, problems);
        Long before = null;
        if (blank(search.before()) == null) {
            before = null;
        } else {
            try {
                before = Long.parseLong(search.before().strip());
                if (before < 0) {
                    problems.add(new Violation("before", "log-page", "a page of the log"));
                }
            } catch (NumberFormatException e) {
                problems.add(new Violation("before", "log-page", "a page of the log"));
            }
        }
        if (!problems.isEmpty()) {
            response.setStatus(422);
            model.addAttribute("errors", FieldErrors.of(problems, f -> f));
            model.addAttribute("entries", List.of());
            model.addAttribute("older", null);
            model.addAttribute("filterQuery", search.query());
            return "transparency/log";
        }
        var found = log.search(filter, before, PAGE_SIZE + 1);
        var rows = new ArrayList<Words.Row>();
        for (var entry : found.subList(0, Math.min(PAGE_SIZE, found.size()))) {
            rows.add(words.row(entry.index(), LogEntry.parse(entry.entry()).metadata()));
        }
        model.addAttribute("errors", FieldErrors.none());
        model.addAttribute("entries", rows);
        model.addAttribute("paged", before != null);
        model.addAttribute("older", found.size() > PAGE_SIZE ? rows.getLast().index() : null);
        model.addAttribute("filterQuery", search.query());
        model.addAttribute("filtered", !search.query().isEmpty());
        return "transparency/log";
    }

    private static JdbcLogStore.Filter filter(Search search, List<Violation> problems) {
        String state = blank(search.state());
        if (state != null) {
            if (STATE.matcher(state).matches()) {
                state = state.toUpperCase(Locale.ROOT);
            } else {
                problems.add(new Violation("state", "log-state", "a two-letter State code such as XA"));
                state = null;
            }
        }
        var role = JdbcLogStore.StateRole.ANY;
        String roleText = blank(search.role());
        if (roleText != null) {
            switch (roleText) {
                case "any" -> role = JdbcLogStore.StateRole.ANY;
                case "requesting" -> role = JdbcLogStore.StateRole.REQUESTING;
                case "requested" -> role = JdbcLogStore.StateRole.REQUESTED;
                default -> problems.add(new Violation("role", "log-role", "requesting, requested or either"));
            }
        }
        String kind = blank(search.kind());
        if (kind != null && !CODE.matcher(kind).matches()) {
            problems.add(new Violation("kind", "log-kind", "a kind of request from the list"));
            kind = null;
        }
        String event = blank(search.event());
        if (event != null) {
            try {
                EventType.fromCode(event);
            } catch (IllegalArgumentException e) {
                problems.add(new Violation("event", "log-event", "an event from the list"));
                event = null;
            }
        }
        String outcome = blank(search.outcome());
        if (outcome != null) {
            try {
                Outcome.fromCode(outcome);
            } catch (IllegalArgumentException e) {
                problems.add(new Violation("outcome", "log-outcome", "an outcome from the list"));
                outcome = null;
            }
        }
        LocalDate from = date("from", search.from(), problems);
        LocalDate to = date("to", search.to(), problems);
        if (from != null && to != null && to.isBefore(from)) {
            problems.add(new Violation("to", "log-date-range", "the end date must not be before the start date"));
        }
        return new JdbcLogStore.Filter(state, role, kind, event, outcome, from, to);
    }

    private static @Nullable LocalDate date(String field, @Nullable String text, List<Violation> problems) {
        String value = blank(text);
        if (value == null) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            if (day.getYear() < 1000 || day.getYear() > 9999) {
                problems.add(new Violation(field, "log-date", "a date as YYYY-MM-DD"));
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            problems.add(new Violation(field, "log-date", "a date as YYYY-MM-DD"));
            return null;
        }
    }

    static @Nullable String blank(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        // Inputs are short codes and dates: a longer value is a mistake, and is not echoed at length.
        String stripped = value.strip();
        return stripped.length() > 64 ? stripped.substring(0, 65) : stripped;
    }
}
