package org.comity.treaty.data;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.ActionType;
import org.comity.treaty.Standing;
import org.comity.treaty.TreatyAction;
import org.comity.treaty.domain.Catalogue;
import org.comity.treaty.domain.StateRegistry;

/**
 * Treaty actions as CSV, the format of {@code treaty/treaty-actions.csv}:
 * {@code instrument,party,action,date,source,as_of,note,standing}; dates ISO ({@code 2025-10-25}) or
 * {@code unknown}; {@code standing} is {@code confirmed} (read in the depositary's record) or
 * {@code reported} (another source says so; not confirmed). Files with the earlier seven-column header
 * (no {@code standing}) are still read, every row then counting as confirmed, since an import is a copy
 * of the depositary's table. Reading checks every row and reports every problem with its line.
 */
public final class ActionsFile {

    public static final List<String> HEADER =
            List.of("instrument", "party", "action", "date", "source", "as_of", "note", "standing");

    /** The header before {@code standing} existed; its rows are confirmed. */
    static final List<String> HEADER_WITHOUT_STANDING = HEADER.subList(0, HEADER.size() - 1);

    private final Catalogue catalogue;
    private final StateRegistry states;

    public ActionsFile(Catalogue catalogue, StateRegistry states) {
        this.catalogue = catalogue;
        this.states = states;
    }

    /**
     * @param requireAsOf whether {@code as_of} must be a date (for what administrators add; the shipped
     *     data keeps {@code unknown} where its source gives no date)
     */
    public List<TreatyAction> read(String text, String origin, boolean requireAsOf) {
        var table = CsvTable.parse(text, HEADER, HEADER_WITHOUT_STANDING);
        int columns = table.header().size();
        var violations = new ArrayList<Violation>();
        var actions = new ArrayList<TreatyAction>();
        for (CsvTable.Row row : table.rows()) {
            var where = "line " + row.line();
            if (row.cells().size() != columns) {
                violations.add(new Violation(
                        where,
                        "columns",
                        "expected " + columns + " values, found " + row.cells().size()));
                continue;
            }
            var rowViolations = new ArrayList<Violation>();
            var action = check(
                    row.cells().get(0),
                    row.cells().get(1),
                    row.cells().get(2),
                    row.cells().get(3),
                    row.cells().get(4),
                    row.cells().get(5),
                    row.cells().get(6),
                    columns == HEADER.size() ? row.cells().get(7) : Standing.CONFIRMED.code(),
                    origin,
                    requireAsOf,
                    field -> where + ": " + field,
                    rowViolations);
            violations.addAll(rowViolations);
            if (action.isPresent()) {
                var duplicate = actions.stream()
                        .filter(a -> a.sameEventAs(action.get()))
                        .findFirst();
                if (duplicate.isPresent()) {
                    violations.add(new Violation(where, "duplicate", "the same action appears earlier in the file"));
                } else {
                    actions.add(action.get());
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return actions;
    }

    /** Checks one action's fields, adding a violation per broken rule; empty if any was broken. */
    public Optional<TreatyAction> check(
            String instrument,
            String party,
            String action,
            String date,
            String source,
            String asOf,
            String note,
            String standing,
            String origin,
            boolean requireAsOf,
            java.util.function.UnaryOperator<String> field,
            List<Violation> violations) {
        int before = violations.size();
        var definition = catalogue.find(strip(instrument));
        if (definition.isEmpty()) {
            violations.add(new Violation(
                    field.apply("instrument"), "unknown-instrument", "not an instrument of the catalogue"));
        } else if (!definition.get().kind().joinedByConsent()) {
            violations.add(new Violation(
                    field.apply("instrument"),
                    "not-joined-by-consent",
                    "parties do not join this instrument by treaty action"));
        }
        CountryCode code = null;
        try {
            code = CountryCode.of(strip(party));
            if (states.find(code).isEmpty()) {
                violations.add(new Violation(
                        field.apply("party"), "unknown-state", "not a State or organisation in the registry"));
            }
        } catch (IllegalArgumentException e) {
            violations.add(new Violation(field.apply("party"), "format", "must be an ISO 3166-1 alpha-2 code"));
        }
        var type = ActionType.fromCode(strip(action));
        if (type.isEmpty()) {
            violations.add(new Violation(
                    field.apply("action"),
                    "unknown-action",
                    "must be one of signature, ratification, acceptance, approval, accession, denunciation"));
        }
        var standingValue = Standing.fromCode(strip(standing).isEmpty() ? "confirmed" : strip(standing));
        if (standingValue.isEmpty()) {
            violations.add(new Violation(
                    field.apply("standing"),
                    "unknown-standing",
                    "must be confirmed (in the depositary's record) or reported (another source; not confirmed)"));
        }
        var when = date(date, field.apply("date"), violations, false);
        var asOfDate = date(asOf, field.apply("as_of"), violations, requireAsOf);
        if (strip(source).isEmpty()) {
            violations.add(new Violation(field.apply("source"), "required", "every action names its source"));
        }
        if (when.isPresent() && asOfDate.isPresent() && when.get().isAfter(asOfDate.get())) {
            violations.add(new Violation(
                    field.apply("date"), "after-as-of", "an action cannot be dated after its source's as-of date"));
        }
        if (violations.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new TreatyAction(
                strip(instrument),
                code,
                type.orElseThrow(),
                when,
                strip(source),
                asOfDate,
                Optional.of(strip(note)).filter(n -> !n.isEmpty()),
                origin,
                standingValue.orElseThrow()));
    }

    private static Optional<LocalDate> date(String value, String field, List<Violation> violations, boolean required) {
        var text = strip(value);
        if (text.equals("unknown") || text.isEmpty()) {
            if (required) {
                violations.add(new Violation(field, "required", "give the date (YYYY-MM-DD)"));
            }
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            violations.add(new Violation(field, "date-format", "must be a date YYYY-MM-DD or 'unknown'"));
            return Optional.empty();
        }
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    /** Writes actions in the same format, so an export can be reviewed and imported again. */
    public static String write(List<TreatyAction> actions) {
        var out = new StringBuilder(String.join(",", HEADER)).append('\n');
        for (TreatyAction a : actions) {
            out.append(String.join(
                            ",",
                            CsvTable.quote(a.instrument()),
                            a.party().value(),
                            a.type().code(),
                            a.date().map(LocalDate::toString).orElse("unknown"),
                            CsvTable.quote(a.source()),
                            a.asOf().map(LocalDate::toString).orElse("unknown"),
                            CsvTable.quote(a.note().orElse("")),
                            a.standing().code()))
                    .append('\n');
        }
        return out.toString();
    }
}
