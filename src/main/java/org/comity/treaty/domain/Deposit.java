package org.comity.treaty.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.treaty.ActionType;
import org.comity.treaty.Reason;
import org.comity.treaty.TreatyAction;

/**
 * A party's instrument of consent. When several records exist (one with an unknown date, one dated),
 * the earliest known date is only an upper bound: the undated record may be earlier.
 *
 * @param noLaterThan the earliest known date of its consent records; empty if none is dated
 * @param exact true when every record is dated, so {@code noLaterThan} is the deposit date
 */
record Deposit(CountryCode party, List<ActionType> types, Optional<LocalDate> noLaterThan, boolean exact) {

    static Deposit of(CountryCode party, List<TreatyAction> consents) {
        var earliest = consents.stream().flatMap(a -> a.date().stream()).min(LocalDate::compareTo);
        boolean allDated = consents.stream().allMatch(a -> a.date().isPresent());
        return new Deposit(
                party, consents.stream().map(TreatyAction::type).distinct().toList(), earliest, allDated);
    }

    /** The deposit as a reason gives it: "XA: ratification deposited on 2025-01-02". */
    Reason reason() {
        var arguments = new java.util.LinkedHashMap<String, Object>();
        arguments.put("state", Reason.state(party));
        arguments.put(
                "types",
                types.stream()
                        .map(t -> new Reason.Part("part.action." + t.code(), Map.of()))
                        .toList());
        noLaterThan.ifPresent(d -> arguments.put("date", d));
        var key = noLaterThan.isEmpty() ? "state.deposit-undated" : exact ? "state.deposit" : "state.deposit-or-before";
        return Reason.of(key, arguments);
    }
}
