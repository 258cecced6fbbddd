package org.comity.treaty.domain;

import java.time.LocalDate;
import java.util.Optional;
import org.comity.treaty.Reason;

/** Whether an instrument itself is in force, as far as the records show. */
public sealed interface InstrumentStatus {

    Reason reason();

    /**
     * In force since {@code date}.
     *
     * @param thresholdReached the deposit that completed the threshold, when computed from the actions
     */
    record InForceSince(LocalDate date, Optional<LocalDate> thresholdReached, Reason reason)
            implements InstrumentStatus {}

    /** Not in force on any date: not enough counting instruments recorded, whatever their dates. */
    record NotInForce(Reason reason) implements InstrumentStatus {}

    /**
     * The records do not decide it. {@code atTheLatest}: in force by then for certain (dates known only
     * as upper bounds).
     */
    record Undetermined(Optional<LocalDate> atTheLatest, Reason reason) implements InstrumentStatus {}
}
