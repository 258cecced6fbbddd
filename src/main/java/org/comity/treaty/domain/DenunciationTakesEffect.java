package org.comity.treaty.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.comity.shared.CountryCode;
import org.comity.treaty.Answer;
import org.comity.treaty.Reason;
import org.comity.treaty.TreatyAction;

/** A denunciation ends the State's obligations once its timing has run from the notification. */
record DenunciationTakesEffect(InstrumentDefinition instrument) {

    /** YES while still bound on {@code date}, NO once a denunciation took effect, UNKNOWN if undecidable. */
    Answer check(CountryCode state, List<TreatyAction> denunciations, LocalDate date, List<Reason> reasons) {
        if (denunciations.isEmpty()) {
            reasons.add(Reason.of("denunciation.none", Map.of("state", new Reason.State(state.value()))));
            return Answer.YES;
        }
        var cites = instrument.denunciation().map(DenunciationRule::cites).orElse(List.of());
        if (denunciations.stream().anyMatch(d -> d.date().isEmpty())) {
            reasons.add(Reason.of("denunciation.undated", Map.of("state", new Reason.State(state.value())), cites));
            return Answer.UNKNOWN;
        }
        var notified = denunciations.stream()
                .map(d -> d.date().orElseThrow())
                .min(LocalDate::compareTo)
                .orElseThrow();
        var timing = instrument.denunciation().flatMap(DenunciationRule::effective);
        if (timing.isEmpty()) {
            if (date.isBefore(notified)) {
                reasons.add(Reason.of(
                        "denunciation.after-date",
                        Map.of("state", new Reason.State(state.value()), "notified", notified, "date", date)));
                return Answer.YES;
            }
            reasons.add(Reason.of(
                    "denunciation.timing-unknown",
                    Map.of("state", new Reason.State(state.value()), "notified", notified),
                    cites));
            return Answer.UNKNOWN;
        }
        var effective = timing.get().from(notified);
        if (date.isBefore(effective)) {
            reasons.add(Reason.of(
                    "denunciation.still-bound",
                    Map.of(
                            "state",
                            new Reason.State(state.value()),
                            "notified",
                            notified,
                            "effective",
                            effective,
                            "date",
                            date),
                    cites));
            return Answer.YES;
        }
        reasons.add(Reason.of(
                "denunciation.effective",
                Map.of(
                        "state",
                        new Reason.State(state.value()),
                        "notified",
                        notified,
                        "effective",
                        effective,
                        "timing",
                        timing.get().part()),
                cites));
        return Answer.NO;
    }
}
