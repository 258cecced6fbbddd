package org.comity.treaty.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.comity.shared.CountryCode;
import org.comity.treaty.ActionType;
import org.comity.treaty.Answer;
import org.comity.treaty.InForce;
import org.comity.treaty.Progress;
import org.comity.treaty.Reason;
import org.comity.treaty.TreatyAction;
import org.comity.treaty.domain.InstrumentStatus.InForceSince;
import org.comity.treaty.domain.InstrumentStatus.NotInForce;
import org.comity.treaty.domain.InstrumentStatus.Undetermined;

/**
 * Entry into force of one instrument joined by consent, from its rule (data) and the treaty actions:
 * when the instrument itself entered into force, and from when each State is bound. Unknown deposit
 * dates never become guesses: they make answers {@link Answer#UNKNOWN} unless a known upper bound
 * decides them (entry into force only moves earlier when a deposit is earlier).
 */
public final class EntryIntoForce {

    private final InstrumentDefinition instrument;
    private final ThresholdRule rule;
    private final Predicate<CountryCode> isReio;
    private final Map<CountryCode, List<TreatyAction>> consents = new LinkedHashMap<>();
    private final Map<CountryCode, List<TreatyAction>> signatures = new LinkedHashMap<>();
    private final Map<CountryCode, List<TreatyAction>> denunciations = new LinkedHashMap<>();
    /** Actions only reported, never confirmed in the depositary's record: shown, never relied on. */
    private final Map<CountryCode, List<TreatyAction>> reported = new LinkedHashMap<>();

    private final InstrumentStatus status;

    public EntryIntoForce(InstrumentDefinition instrument, List<TreatyAction> actions, Predicate<CountryCode> isReio) {
        this.instrument = instrument;
        this.rule = instrument
                .entryIntoForce()
                .orElseThrow(() -> new IllegalArgumentException(instrument.id() + " is not joined by consent"));
        this.isReio = isReio;
        for (TreatyAction action : actions) {
            if (!action.instrument().equals(instrument.id())) {
                throw new IllegalArgumentException("action of another instrument: " + action.instrument());
            }
            if (!action.confirmed()) {
                reported.computeIfAbsent(action.party(), p -> new ArrayList<>()).add(action);
                continue;
            }
            var into = switch (action.type()) {
                case SIGNATURE -> signatures;
                case DENUNCIATION -> denunciations;
                case RATIFICATION, ACCEPTANCE, APPROVAL, ACCESSION -> consents;
            };
            into.computeIfAbsent(action.party(), p -> new ArrayList<>()).add(action);
        }
        this.status = new ThresholdReached(instrument, rule, counting()).status();
    }

    public InstrumentStatus status() {
        return status;
    }

    /**
     * How current the record is: the newest source date ({@code as_of}) among the confirmed actions;
     * empty if none has one. Reported actions do not make the record current.
     */
    public Optional<LocalDate> statusAsOf() {
        return java.util.stream.Stream.of(consents, signatures, denunciations)
                .flatMap(m -> m.values().stream())
                .flatMap(List::stream)
                .flatMap(a -> a.asOf().stream())
                .max(LocalDate::compareTo);
    }

    /** Deposits that count: one per party, of the counting types, REIOs only if they count in addition. */
    private List<Deposit> counting() {
        var counting = new ArrayList<Deposit>();
        consents.forEach((party, list) -> {
            var counted = list.stream()
                    .filter(a -> rule.counting().contains(a.type()))
                    .toList();
            if (!counted.isEmpty() && (rule.reioCountsInAddition() || !isReio.test(party))) {
                counting.add(Deposit.of(party, counted));
            }
        });
        return counting;
    }

    /** Is the instrument in force for {@code state} on {@code date}, and why. */
    public InForce forState(CountryCode state, LocalDate date) {
        var reasons = new ArrayList<Reason>();
        var consent = consents.get(state);
        var reportedConsent = reported.getOrDefault(state, List.of()).stream()
                .filter(a -> a.type().expressesConsent())
                .toList();
        if (consent == null && !reportedConsent.isEmpty()) {
            for (TreatyAction a : reportedConsent) {
                var arguments = new java.util.LinkedHashMap<String, Object>();
                arguments.put("type", new Reason.Part("part.action." + a.type().code(), Map.of()));
                arguments.put("state", Reason.state(state));
                arguments.put("source", a.source());
                a.asOf().ifPresent(asOf -> arguments.put("asOf", asOf));
                reasons.add(Reason.of(a.asOf().isPresent() ? "state.reported" : "state.reported-undated", arguments));
            }
            if (status instanceof NotInForce n) {
                reasons.add(n.reason());
                return new InForce(instrument.id(), state, date, Answer.NO, Optional.empty(), reasons);
            }
            reasons.add(Reason.of(
                    "state.unconfirmed",
                    Map.of("instrument", Reason.instrument(instrument.id()), "state", Reason.state(state)),
                    rule.cites()));
            return new InForce(instrument.id(), state, date, Answer.UNKNOWN, Optional.empty(), reasons);
        }
        if (consent == null
                && instrument
                        .actionsResearched()
                        .flatMap(g -> g.contains(state))
                        .map(in -> !in)
                        .orElse(false)) {
            reasons.add(Reason.of(
                    "state.not-researched",
                    Map.of("instrument", Reason.instrument(instrument.id()), "state", Reason.state(state)),
                    rule.cites()));
            return new InForce(instrument.id(), state, date, Answer.UNKNOWN, Optional.empty(), reasons);
        }
        if (consent == null) {
            var signed = signatures.getOrDefault(state, List.of()).stream()
                    .map(TreatyAction::date)
                    .findFirst();
            var reportedSignature = reported.getOrDefault(state, List.of()).stream()
                    .filter(a -> a.type() == ActionType.SIGNATURE)
                    .findFirst();
            var arguments = new java.util.LinkedHashMap<String, Object>();
            arguments.put("state", Reason.state(state));
            arguments.put("instrument", Reason.instrument(instrument.id()));
            signed.flatMap(d -> d).ifPresent(d -> arguments.put("signed", d));
            var key = signed.map(d -> d.isPresent() ? "state.no-consent-signed" : "state.no-consent-signed-undated")
                    .orElse(reportedSignature.isPresent() ? "state.no-consent-signature-reported" : "state.no-consent");
            reasons.add(Reason.of(key, arguments, rule.cites()));
            return new InForce(instrument.id(), state, date, Answer.NO, Optional.empty(), reasons);
        }
        var deposit = Deposit.of(state, consent);
        reasons.add(deposit.reason());
        var bound = new PartyEntryIntoForce(instrument, rule, status).forDeposit(deposit, reasons);
        if (bound.isEmpty()) {
            return new InForce(instrument.id(), state, date, Answer.UNKNOWN, Optional.empty(), reasons);
        }
        var since = bound.get();
        if (date.isBefore(since.date())) {
            if (since.exact()) {
                reasons.add(Reason.of("state.not-yet", Map.of("date", date, "state", Reason.state(state))));
                return new InForce(instrument.id(), state, date, Answer.NO, Optional.empty(), reasons);
            }
            reasons.add(Reason.of("state.unknown-before", Map.of("state", Reason.state(state), "since", since.date())));
            return new InForce(instrument.id(), state, date, Answer.UNKNOWN, Optional.empty(), reasons);
        }
        var denounced = new DenunciationTakesEffect(instrument)
                .check(state, denunciations.getOrDefault(state, List.of()), date, reasons);
        var sinceDate = since.exact() ? Optional.of(since.date()) : Optional.<LocalDate>empty();
        return new InForce(
                instrument.id(),
                state,
                date,
                denounced,
                denounced == Answer.YES ? sinceDate : Optional.empty(),
                reasons);
    }

    /** How far the instrument is from entry into force, as of {@code asOf}. */
    public Progress progress(LocalDate asOf) {
        var counting = counting();
        int undated = (int) counting.stream().filter(d -> !d.exact()).count();
        var answer = switch (status) {
            case InForceSince s -> asOf.isBefore(s.date()) ? Answer.NO : Answer.YES;
            case NotInForce n -> Answer.NO;
            case Undetermined u ->
                u.atTheLatest().filter(d -> !asOf.isBefore(d)).isPresent() ? Answer.YES : Answer.UNKNOWN;
        };
        Optional<LocalDate> date = status instanceof InForceSince s ? Optional.of(s.date()) : Optional.empty();
        var reasons = new ArrayList<Reason>();
        reasons.add(status.reason());
        int reportedConsents = (int) reported.entrySet().stream()
                .filter(e -> !consents.containsKey(e.getKey()))
                .filter(e -> e.getValue().stream().anyMatch(a -> a.type().expressesConsent()))
                .count();
        int reportedSignatures = (int) reported.entrySet().stream()
                .filter(e -> !signatures.containsKey(e.getKey()))
                .filter(e -> e.getValue().stream().anyMatch(a -> a.type() == ActionType.SIGNATURE))
                .count();
        if (reportedConsents > 0) {
            reasons.add(Reason.of("progress.reported-consents", Map.of("count", reportedConsents)));
        }
        if (reportedSignatures > 0) {
            reasons.add(Reason.of("progress.reported-signatures", Map.of("count", reportedSignatures)));
        }
        if (!rule.reioCountsInAddition()) {
            reasons.add(Reason.of("progress.reio-not-counted", Map.of(), rule.cites()));
        }
        return new Progress(
                instrument.id(),
                asOf,
                answer,
                counting.size(),
                undated,
                rule.required(),
                signatures.size(),
                date,
                reasons,
                reportedConsents,
                reportedSignatures);
    }

    /** The threshold rule applied to the counting deposits. */
    private record ThresholdReached(InstrumentDefinition instrument, ThresholdRule rule, List<Deposit> counting) {

        InstrumentStatus status() {
            var cites = rule.cites();
            if (instrument.recordedEntryIntoForce().isPresent()) {
                var date = instrument.recordedEntryIntoForce().get();
                return new InForceSince(
                        date,
                        Optional.empty(),
                        Reason.of(
                                "status.recorded",
                                Map.of("instrument", Reason.instrument(instrument.id()), "date", date),
                                cites));
            }
            if (counting.size() < rule.required()) {
                return new NotInForce(Reason.of(
                        "status.below-threshold",
                        Map.of(
                                "counted",
                                counting.size(),
                                "required",
                                rule.required(),
                                "instrument",
                                Reason.instrument(instrument.id())),
                        cites));
            }
            var minimum = rule.groupMinimum();
            if (minimum.isPresent() && minimum.get().group().members().isEmpty()) {
                return new Undetermined(
                        Optional.empty(),
                        Reason.of(
                                "status.group-unknown",
                                Map.of(
                                        "count",
                                        minimum.get().count(),
                                        "group",
                                        minimum.get().group().name()),
                                cites));
            }
            boolean allExact = counting.stream().allMatch(Deposit::exact);
            var dated = counting.stream()
                    .filter(d -> d.noLaterThan().isPresent())
                    .sorted(Comparator.comparing(d -> d.noLaterThan().get()))
                    .toList();
            int count = 0;
            int fromGroup = 0;
            LocalDate reached = null;
            for (Deposit deposit : dated) {
                count++;
                if (minimum.isPresent()
                        && minimum.get().group().contains(deposit.party()).orElse(false)) {
                    fromGroup++;
                }
                if (count >= rule.required()
                        && (minimum.isEmpty() || fromGroup >= minimum.get().count())) {
                    reached = deposit.noLaterThan().get();
                    break;
                }
            }
            if (reached == null) {
                return allExact
                        ? new NotInForce(minimum.map(m -> Reason.of(
                                        "status.group-short",
                                        Map.of(
                                                "count",
                                                m.count(),
                                                "group",
                                                m.group().name(),
                                                "instrument",
                                                Reason.instrument(instrument.id())),
                                        cites))
                                .orElse(Reason.of(
                                        "status.short",
                                        Map.of("instrument", Reason.instrument(instrument.id())),
                                        cites)))
                        : new Undetermined(
                                Optional.empty(),
                                Reason.of(
                                        "status.dates-unknown",
                                        Map.of("instrument", Reason.instrument(instrument.id())),
                                        cites));
            }
            if (rule.effective().isEmpty()) {
                return new Undetermined(
                        Optional.empty(),
                        Reason.of(
                                "status.timing-unknown",
                                Map.of(
                                        "instrument",
                                        Reason.instrument(instrument.id()),
                                        "exact",
                                        allExact ? "yes" : "no",
                                        "reached",
                                        reached),
                                cites));
            }
            var date = rule.effective().get().from(reached);
            if (!allExact) {
                return new Undetermined(
                        Optional.of(date),
                        Reason.of(
                                "status.at-the-latest",
                                Map.of(
                                        "instrument",
                                        Reason.instrument(instrument.id()),
                                        "date",
                                        date,
                                        "required",
                                        rule.required(),
                                        "reached",
                                        reached),
                                cites));
            }
            return new InForceSince(
                    date,
                    Optional.of(reached),
                    Reason.of(
                            "status.in-force",
                            Map.of(
                                    "required",
                                    rule.required(),
                                    "reached",
                                    reached,
                                    "instrument",
                                    Reason.instrument(instrument.id()),
                                    "date",
                                    date,
                                    "timing",
                                    rule.effective().get().part()),
                            cites));
        }
    }
}
