package org.comity.treaty.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.comity.shared.CountryCode;
import org.comity.treaty.Answer;
import org.comity.treaty.LegalBasis;
import org.comity.treaty.Reason;
import org.comity.treaty.Reservation;

/**
 * Which instruments are in force between two States on a date. A treaty joined by consent must bind
 * both; a bilateral treaty must be theirs; regional law must bind both as members of its group. The
 * reservations and declarations of either State in effect on the date come with each instrument.
 */
public final class LegalBasisFinder {

    private final Catalogue catalogue;
    private final Map<String, EntryIntoForce> engines;
    private final List<Reservation> reservations;

    /** @param engines the entry-into-force engine of every instrument joined by consent, by id */
    public LegalBasisFinder(Catalogue catalogue, Map<String, EntryIntoForce> engines, List<Reservation> reservations) {
        this.catalogue = catalogue;
        this.engines = Map.copyOf(engines);
        this.reservations = List.copyOf(reservations);
    }

    public LegalBasis between(CountryCode a, CountryCode b, LocalDate date) {
        if (a.equals(b)) {
            throw new IllegalArgumentException("a legal basis is between two different States");
        }
        var options = new ArrayList<LegalBasis.Option>();
        for (InstrumentDefinition instrument : catalogue.instruments()) {
            var reasons = new ArrayList<Reason>();
            var answer = switch (instrument.kind()) {
                case GLOBAL, REGIONAL, PROTOCOL -> {
                    var engine = engines.get(instrument.id());
                    var forA = engine.forState(a, date);
                    var forB = engine.forState(b, date);
                    reasons.addAll(forA.reasons());
                    reasons.addAll(forB.reasons());
                    yield forA.answer().and(forB.answer());
                }
                case BILATERAL -> {
                    if (!Set.copyOf(instrument.bilateralParties()).equals(Set.of(a, b))) {
                        yield null;
                    }
                    yield bilateral(instrument, date, reasons);
                }
                case REGIONAL_LAW -> regionalLaw(instrument, a, b, date, reasons);
                case BILATERAL_TEMPLATE -> null;
            };
            if (answer == null) {
                continue;
            }
            var limits = answer == Answer.NO
                    ? List.<Reservation>of()
                    : reservations.stream()
                            .filter(r -> r.instrument().equals(instrument.id()))
                            .filter(r -> r.party().equals(a) || r.party().equals(b))
                            .filter(r -> r.inEffectOn(date))
                            .toList();
            limits.forEach(r ->
                    reasons.add(Reason.of("basis.limited", Map.of("reservation", r.part()), List.of(r.article()))));
            options.add(new LegalBasis.Option(instrument.id(), instrument.shortName(), answer, reasons, limits));
        }
        var overall = options.stream().map(LegalBasis.Option::answer).reduce(Answer.NO, Answer::or);
        return new LegalBasis(a, b, date, overall, options);
    }

    private static Answer bilateral(InstrumentDefinition instrument, LocalDate date, List<Reason> reasons) {
        if (instrument.recordedEntryIntoForce().isEmpty()) {
            reasons.add(Reason.of("basis.bilateral-undated", Map.of("instrument", Reason.instrument(instrument.id()))));
            return Answer.UNKNOWN;
        }
        var since = instrument.recordedEntryIntoForce().get();
        if (date.isBefore(since)) {
            reasons.add(Reason.of(
                    "basis.bilateral-not-yet",
                    Map.of("instrument", Reason.instrument(instrument.id()), "since", since)));
            return Answer.NO;
        }
        if (instrument.terminatedOn().filter(end -> !date.isBefore(end)).isPresent()) {
            reasons.add(Reason.of(
                    "basis.bilateral-ended",
                    Map.of(
                            "instrument",
                            Reason.instrument(instrument.id()),
                            "date",
                            instrument.terminatedOn().get())));
            return Answer.NO;
        }
        reasons.add(Reason.of(
                "basis.bilateral-in-force", Map.of("instrument", Reason.instrument(instrument.id()), "since", since)));
        return Answer.YES;
    }

    private static Answer regionalLaw(
            InstrumentDefinition instrument, CountryCode a, CountryCode b, LocalDate date, List<Reason> reasons) {
        var group = instrument.appliesBetween().orElseThrow();
        var applies = instrument.appliesFrom().or(instrument::recordedEntryIntoForce);
        if (applies.isPresent() && date.isBefore(applies.get())) {
            reasons.add(Reason.of(
                    "basis.regional-not-yet",
                    Map.of("instrument", Reason.instrument(instrument.id()), "date", applies.get())));
            return Answer.NO;
        }
        var answer = Answer.YES;
        for (CountryCode state : List.of(a, b)) {
            var member = group.contains(state);
            if (member.isEmpty()) {
                reasons.add(
                        Reason.of("basis.member-unknown", Map.of("state", Reason.state(state), "group", group.name())));
                answer = answer.and(Answer.UNKNOWN);
            } else if (!member.get()) {
                reasons.add(Reason.of("basis.not-member", Map.of("state", Reason.state(state), "group", group.name())));
                answer = Answer.NO;
            }
        }
        if (applies.isEmpty()) {
            reasons.add(Reason.of("basis.regional-undated", Map.of("instrument", Reason.instrument(instrument.id()))));
            answer = answer.and(Answer.UNKNOWN);
        }
        if (answer == Answer.YES) {
            reasons.add(Reason.of(
                    "basis.regional-applies",
                    Map.of(
                            "instrument",
                            Reason.instrument(instrument.id()),
                            "a",
                            Reason.state(a),
                            "b",
                            Reason.state(b),
                            "since",
                            applies.get())));
        }
        return answer;
    }
}
