package org.comity.treaty.domain;

import java.time.LocalDate;
import java.util.List;
import org.comity.shared.CountryCode;
import org.comity.treaty.Answer;
import org.comity.treaty.Reason;
import org.comity.treaty.TreatyAction;

/** A denunciation ends the State's obligations once its timing has run from the notification. */
record DenunciationTakesEffect(InstrumentDefinition instrument) {

    /** YES while still bound on {@code date}, NO once a denunciation took effect, UNKNOWN if undecidable. */
    Answer check(CountryCode state, List<TreatyAction> denunciations, LocalDate date, List<Reason> reasons) {
        if (denunciations.isEmpty()) {
            reasons.add(Reason.plain("no denunciation by " + state + " is recorded"));
            return Answer.YES;
        }
        var cites = instrument.denunciation().map(DenunciationRule::cites).orElse(List.of());
        if (denunciations.stream().anyMatch(d -> d.date().isEmpty())) {
            reasons.add(Reason.of(
                    "a denunciation by " + state
                            + " is recorded without a date: whether it has taken effect is unknown",
                    cites));
            return Answer.UNKNOWN;
        }
        var notified = denunciations.stream()
                .map(d -> d.date().orElseThrow())
                .min(LocalDate::compareTo)
                .orElseThrow();
        var timing = instrument.denunciation().flatMap(DenunciationRule::effective);
        if (timing.isEmpty()) {
            if (date.isBefore(notified)) {
                reasons.add(Reason.plain(state + " notified a denunciation on " + notified + ", after " + date));
                return Answer.YES;
            }
            reasons.add(Reason.of(
                    state + " notified a denunciation on " + notified
                            + "; when it takes effect is not recorded, so whether it has is unknown",
                    cites));
            return Answer.UNKNOWN;
        }
        var effective = timing.get().from(notified);
        if (date.isBefore(effective)) {
            reasons.add(Reason.of(
                    state + " notified a denunciation on " + notified + "; it takes effect on " + effective
                            + ", so the State is still bound on " + date,
                    cites));
            return Answer.YES;
        }
        reasons.add(Reason.of(
                state + " denounced it: notified on " + notified + ", effective on " + effective + " ("
                        + timing.get().describe() + ")",
                cites));
        return Answer.NO;
    }
}
