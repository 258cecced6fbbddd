package org.comity.treaty;

import java.time.LocalDate;
import java.util.Optional;
import org.comity.shared.CountryCode;

/**
 * One treaty action: who did what to which instrument and when. An empty {@code date} means the date is
 * unknown (not read in any source); answers that depend on it then say "unknown" instead of guessing.
 *
 * @param source where the record comes from (publisher, document, address)
 * @param asOf the date of the source's snapshot; empty when the source does not say
 * @param origin {@code shipped} for the reference data in the release, otherwise who recorded it
 * @param standing confirmed in the depositary's record, or only reported by another source
 * @param id the record's id when it was added on this node; empty for a record shipped in the release
 *     (named by its key: instrument, party, type, date and standing)
 * @param withdrawal present when the record was withdrawn as wrong: it is kept and listed, but no answer
 *     counts it
 */
public record TreatyAction(
        String instrument,
        CountryCode party,
        ActionType type,
        Optional<LocalDate> date,
        String source,
        Optional<LocalDate> asOf,
        Optional<String> note,
        String origin,
        Standing standing,
        Optional<Long> id,
        Optional<Withdrawal> withdrawal) {

    /** A record as read from a file: no id, not withdrawn. */
    public TreatyAction(
            String instrument,
            CountryCode party,
            ActionType type,
            Optional<LocalDate> date,
            String source,
            Optional<LocalDate> asOf,
            Optional<String> note,
            String origin,
            Standing standing) {
        this(instrument, party, type, date, source, asOf, note, origin, standing, Optional.empty(), Optional.empty());
    }

    public TreatyAction {
        if (instrument == null || !instrument.matches(InstrumentIds.PATTERN)) {
            throw new IllegalArgumentException("instrument must be a catalogue id");
        }
        if (party == null
                || type == null
                || date == null
                || asOf == null
                || note == null
                || standing == null
                || id == null
                || withdrawal == null) {
            throw new IllegalArgumentException(
                    "party, type, date, as-of, note and standing are required (dates may be empty)");
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("every treaty action names its source");
        }
        if (origin == null || origin.isBlank()) {
            throw new IllegalArgumentException("every treaty action says who recorded it");
        }
    }

    /** This record, withdrawn. */
    public TreatyAction withdrawn(Withdrawal by) {
        return new TreatyAction(
                instrument, party, type, date, source, asOf, note, origin, standing, id, Optional.of(by));
    }

    /** Not withdrawn: answers count it. */
    public boolean active() {
        return withdrawal.isEmpty();
    }

    /** A record confirmed in the depositary's record (not merely reported). */
    public boolean confirmed() {
        return standing == Standing.CONFIRMED;
    }

    /**
     * Same instrument, party, action, date and standing: the same record of an event, whoever recorded it.
     * The standing is part of it so that the depositary's confirmation of an event only reported so far
     * (same date) is added rather than skipped as a duplicate.
     */
    public boolean sameEventAs(TreatyAction other) {
        return instrument.equals(other.instrument)
                && party.equals(other.party)
                && type == other.type
                && date.equals(other.date)
                && standing == other.standing;
    }
}
