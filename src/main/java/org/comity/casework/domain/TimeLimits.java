package org.comity.casework.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.comity.casework.domain.RequestContent.Urgency.Level;
import org.comity.treaty.KindOfAssistance;

/**
 * The time limits casework enforces, read from a data file so that a correction is a data change
 * (domain.md §7): the time to answer a request of each kind at each urgency, and how long preserved
 * data is kept at least and when to warn before it lapses.
 */
public record TimeLimits(
        Map<KindOfAssistance, Map<Level, Duration>> response,
        Duration preservationMinimum,
        Duration preservationWarning) {

    public TimeLimits {
        var copy = new EnumMap<KindOfAssistance, Map<Level, Duration>>(KindOfAssistance.class);
        for (KindOfAssistance kind : KindOfAssistance.values()) {
            var perLevel = response.get(kind);
            for (Level level : Level.values()) {
                if (perLevel == null || perLevel.get(level) == null) {
                    throw new IllegalArgumentException("no time limit for " + kind.code() + " at " + level);
                }
                positive(perLevel.get(level), kind.code());
            }
            copy.put(kind, Map.copyOf(perLevel));
        }
        response = Map.copyOf(copy);
        positive(preservationMinimum, "preservation-minimum");
        positive(preservationWarning, "preservation-warning");
    }

    public Duration responseTime(KindOfAssistance kind, Level level) {
        return response.get(kind).get(level);
    }

    /**
     * Reads lines of {@code limit,kind,urgency,amount,unit} (kind and urgency as codes, unit {@code
     * hours} or {@code days}); {@code #} starts a comment.
     */
    public static TimeLimits parse(List<String> lines) {
        var response = new EnumMap<KindOfAssistance, Map<Level, Duration>>(KindOfAssistance.class);
        Duration minimum = null;
        Duration warning = null;
        for (String raw : lines) {
            var line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            var cells = line.split(",", -1);
            if (cells.length != 5) {
                throw new IllegalArgumentException("time limit line needs 5 cells: " + line);
            }
            var amount = duration(cells[3].strip(), cells[4].strip());
            switch (cells[0].strip()) {
                case "response" ->
                    response.computeIfAbsent(kind(cells[1].strip()), k -> new EnumMap<>(Level.class))
                            .put(Level.valueOf(cells[2].strip().toUpperCase(Locale.ROOT)), amount);
                case "preservation-minimum" -> minimum = amount;
                case "preservation-warning" -> warning = amount;
                default -> throw new IllegalArgumentException("unknown time limit: " + cells[0]);
            }
        }
        if (minimum == null || warning == null) {
            throw new IllegalArgumentException("preservation-minimum and preservation-warning are required");
        }
        return new TimeLimits(response, minimum, warning);
    }

    private static KindOfAssistance kind(String code) {
        for (KindOfAssistance kind : KindOfAssistance.values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown kind of assistance: " + code);
    }

    private static Duration duration(String amount, String unit) {
        long n = Long.parseLong(amount);
        return switch (unit) {
            case "hours" -> Duration.ofHours(n);
            case "days" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unit must be hours or days: " + unit);
        };
    }

    private static void positive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("time limit must be positive: " + what);
        }
    }
}
