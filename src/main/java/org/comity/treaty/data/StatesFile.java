package org.comity.treaty.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.RegisteredState;

/** The States and organisations file ({@code treaty/states.csv}). */
public final class StatesFile {

    static final List<String> HEADER =
            List.of("code", "alpha3", "name_en", "name_fr", "name_ar", "kind", "un_status", "source", "as_of");

    private StatesFile() {}

    public static List<RegisteredState> read(String text) {
        var table = CsvTable.parse(text, HEADER);
        var violations = new ArrayList<Violation>();
        var states = new ArrayList<RegisteredState>();
        for (CsvTable.Row row : table.rows()) {
            var c = row.cells();
            if (c.size() != HEADER.size()) {
                violations.add(new Violation("line " + row.line(), "columns", "expected " + HEADER.size() + " values"));
                continue;
            }
            try {
                var kind = switch (c.get(5)) {
                    case "state" -> RegisteredState.Kind.STATE;
                    case "reio" -> RegisteredState.Kind.REIO;
                    default -> throw new IllegalArgumentException("kind must be state or reio");
                };
                var status = switch (c.get(6)) {
                    case "member" -> RegisteredState.UnStatus.MEMBER;
                    case "observer" -> RegisteredState.UnStatus.OBSERVER;
                    default -> throw new IllegalArgumentException("un_status must be member or observer");
                };
                states.add(new RegisteredState(
                        new CountryCode(c.get(0)),
                        Optional.of(c.get(1)).filter(s -> !s.isEmpty()),
                        c.get(2),
                        c.get(3),
                        c.get(4),
                        kind,
                        status,
                        c.get(7),
                        c.get(8).equals("unknown") ? Optional.empty() : Optional.of(LocalDate.parse(c.get(8)))));
            } catch (RuntimeException e) {
                violations.add(new Violation("line " + row.line(), "invalid-state", String.valueOf(e.getMessage())));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInput(violations);
        }
        return states;
    }
}
