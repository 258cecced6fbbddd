package org.comity.treaty;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.comity.shared.CountryCode;

/**
 * Whether an instrument binds a State on a date, and why.
 *
 * @param since when it entered into force for the State, if that date is known
 */
public record InForce(
        String instrument,
        CountryCode state,
        LocalDate date,
        Answer answer,
        Optional<LocalDate> since,
        List<Reason> reasons) {

    public InForce {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("every answer gives its reasons");
        }
    }

    /** The same answer with its reasons rendered by {@code language} ({@link ReasonText}). */
    public InForce localised(java.util.function.UnaryOperator<Reason> language) {
        return new InForce(
                instrument,
                state,
                date,
                answer,
                since,
                reasons.stream().map(language).toList());
    }
}
