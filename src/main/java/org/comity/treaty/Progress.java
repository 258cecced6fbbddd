package org.comity.treaty;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How far an instrument is from entering into force, counting only the instruments that count under
 * its rule (consent instruments, one per party; a regional economic integration organisation's not in
 * addition to its members' where the rule says so).
 *
 * @param counted counting instruments recorded, whatever their date
 * @param countedWithUnknownDate of those, how many have no known deposit date
 * @param required how many the rule requires
 * @param signatures signatures confirmed in the depositary's record (they never count)
 * @param entryIntoForce the date if known
 * @param reported parties whose instrument of consent is only reported (not confirmed as deposited):
 *     never counted
 * @param reportedSignatures parties whose signature is only reported (not confirmed)
 */
public record Progress(
        String instrument,
        LocalDate asOf,
        Answer inForce,
        int counted,
        int countedWithUnknownDate,
        int required,
        int signatures,
        Optional<LocalDate> entryIntoForce,
        List<Reason> reasons,
        int reported,
        int reportedSignatures) {

    public Progress {
        reasons = List.copyOf(reasons);
    }

    /** The same progress with its reasons rendered by {@code language} ({@link ReasonText}). */
    public Progress localised(java.util.function.UnaryOperator<Reason> language) {
        return new Progress(
                instrument,
                asOf,
                inForce,
                counted,
                countedWithUnknownDate,
                required,
                signatures,
                entryIntoForce,
                reasons.stream().map(language).toList(),
                reported,
                reportedSignatures);
    }

    /** Counting instruments still missing; zero once the threshold is reached. */
    public int missing() {
        return Math.max(0, required - counted);
    }
}
