package org.comity.transparency;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.comity.shared.CountryCode;

/** Varied, realistic log events for tests and benchmarks. */
public final class LogEvents {

    private static final String[] STATES = {"XA", "XB", "XC", "QM"};
    private static final String[] KINDS = {"preservation", "stored-data", "traffic-data", "mutual-assistance"};

    /** The request events: an evidence event needs a manifest digest, and the fixtures' counts predate them. */
    private static final EventType[] TYPES = java.util.Arrays.stream(EventType.values())
            .filter(t -> !t.namesEvidence())
            .toArray(EventType[]::new);

    private LogEvents() {}

    public static LogEvent event(long i) {
        return event(UUID.nameUUIDFromBytes(("event-" + i).getBytes(StandardCharsets.UTF_8)), i);
    }

    public static LogEvent event(UUID id, long i) {
        int n = (int) (i % 1000);
        EventType type = TYPES[n % TYPES.length];
        Outcome outcome =
                type == EventType.REQUEST_DECIDED ? Outcome.values()[(n / 5) % Outcome.values().length] : null;
        List<String> grounds = outcome == Outcome.REFUSED ? List.of("art-40-21-b", "dual-criminality") : List.of();
        LocalDate day = LocalDate.of(2026, 1 + n % 12, 1 + n % 28);
        var metadata = PublicMetadata.of(
                type,
                CountryCode.of(STATES[n % STATES.length]),
                CountryCode.of(STATES[(n + 1) % STATES.length]),
                KINDS[(n / 3) % KINDS.length],
                List.of("uncc-art-" + (40 + n % 7)),
                List.of("illegal-access", n % 2 == 0 ? "computer-fraud" : "data-interference"),
                n % 10 == 0,
                outcome,
                grounds,
                day);
        byte[] record = ("{\"case\":\"CA-" + i + "\",\"facts\":\"confidential facts of case " + i + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return new LogEvent(id, metadata, record, day.plusYears(5));
    }
}
