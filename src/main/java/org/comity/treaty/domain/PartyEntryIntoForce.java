package org.comity.treaty.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.treaty.Reason;
import org.comity.treaty.domain.InstrumentStatus.InForceSince;
import org.comity.treaty.domain.InstrumentStatus.NotInForce;
import org.comity.treaty.domain.InstrumentStatus.Undetermined;

/**
 * From when one party is bound: the instrument's own date for parties up to the threshold; for later
 * parties the later-party timing from their deposit, never before the instrument itself when the rule
 * says so ("or the date of entry into force, whichever is later").
 */
record PartyEntryIntoForce(InstrumentDefinition instrument, ThresholdRule rule, InstrumentStatus status) {

    /** The date, exact or as an upper bound; empty (reasons say why) when it cannot be known. */
    record Since(LocalDate date, boolean exact) {}

    Optional<Since> forDeposit(Deposit deposit, List<Reason> reasons) {
        LocalDate instrumentDate;
        boolean instrumentExact;
        Optional<LocalDate> thresholdReached;
        switch (status) {
            case InForceSince s -> {
                instrumentDate = s.date();
                instrumentExact = true;
                thresholdReached = s.thresholdReached();
            }
            case NotInForce n -> {
                reasons.add(n.reason());
                // A far future date: the State is a party but the instrument binds nobody yet.
                return Optional.of(new Since(LocalDate.MAX, true));
            }
            case Undetermined u -> {
                if (u.atTheLatest().isEmpty()) {
                    reasons.add(u.reason());
                    return Optional.empty();
                }
                instrumentDate = u.atTheLatest().get();
                instrumentExact = false;
                thresholdReached = Optional.empty();
            }
        }
        reasons.add(status.reason());
        if (deposit.noLaterThan().isEmpty()) {
            reasons.add(Reason.of("state.deposit-date-unknown", Map.of()));
            return Optional.empty();
        }
        var deposited = deposit.noLaterThan().get();
        boolean exact = instrumentExact && deposit.exact();
        if (thresholdReached.isPresent() && !deposited.isAfter(thresholdReached.get())) {
            reasons.add(Reason.of("state.counted", Map.of("date", instrumentDate), rule.cites()));
            return Optional.of(new Since(instrumentDate, exact));
        }
        var later = rule.laterParty();
        if (later.effective().isEmpty()) {
            reasons.add(Reason.of("state.later-timing-unknown", Map.of(), later.cites()));
            return Optional.empty();
        }
        var own = later.effective().get().from(deposited);
        var since = later.notBeforeEntryIntoForce() && own.isBefore(instrumentDate) ? instrumentDate : own;
        reasons.add(Reason.of(
                "state.bound",
                Map.of(
                        "since",
                        since,
                        "exact",
                        exact ? "yes" : "no",
                        "timing",
                        later.effective().get().part(),
                        "floor",
                        later.notBeforeEntryIntoForce() ? "yes" : "no",
                        "entryIntoForce",
                        instrumentDate),
                later.cites()));
        return Optional.of(new Since(since, exact));
    }
}
