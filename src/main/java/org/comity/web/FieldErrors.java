package org.comity.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * Broken rules of a console form, sorted by the input they belong to, so a template can show each
 * message next to its field (and the rest above the form). Built from the {@link Violation}s an
 * {@link InvalidInput} carries: a page maps each violation's field path to one of its input names.
 * Templates translate a message by its rule code ({@code rule.<code>}) and fall back to the domain's
 * English sentence.
 */
public record FieldErrors(Map<String, List<Violation>> byInput, List<Violation> general) {

    public FieldErrors {
        var copy = new LinkedHashMap<String, List<Violation>>();
        byInput.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        byInput = java.util.Collections.unmodifiableMap(copy);
        general = List.copyOf(general);
    }

    public static FieldErrors none() {
        return new FieldErrors(Map.of(), List.of());
    }

    /** Every violation under the input of the same name, or above the form if the form has no such input. */
    public static FieldErrors of(InvalidInput invalid, Collection<String> inputs) {
        return of(invalid.violations(), field -> inputs.contains(field) ? field : null);
    }

    /**
     * @param inputFor the input a violation's field path belongs to, or null to show it above the form
     */
    public static FieldErrors of(List<Violation> violations, Function<String, @Nullable String> inputFor) {
        var byInput = new LinkedHashMap<String, List<Violation>>();
        var general = new ArrayList<Violation>();
        for (Violation violation : violations) {
            var input = inputFor.apply(violation.field());
            if (input == null) {
                general.add(violation);
            } else {
                byInput.computeIfAbsent(input, k -> new ArrayList<>()).add(violation);
            }
        }
        return new FieldErrors(byInput, general);
    }

    public boolean any() {
        return !byInput.isEmpty() || !general.isEmpty();
    }

    public boolean has(String input) {
        return byInput.containsKey(input);
    }

    public List<Violation> on(String input) {
        return byInput.getOrDefault(input, List.of());
    }

    /** All violations, those next to inputs first, each with its input (null when it has none). */
    public List<Entry> entries() {
        var all = new ArrayList<Entry>();
        byInput.forEach((input, violations) -> violations.forEach(v -> all.add(new Entry(input, v))));
        general.forEach(v -> all.add(new Entry(null, v)));
        return all;
    }

    /** One message of the summary above a form, linking to its input when there is one. */
    public record Entry(@Nullable String input, Violation violation) {}
}
