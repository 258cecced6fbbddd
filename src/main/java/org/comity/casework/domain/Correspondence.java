package org.comity.casework.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.regex.Pattern;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * How a request travelled and how the other State names it: the channel and day it was received (an
 * incoming request) or transmitted (an outgoing one), and the counterpart's own reference. Each is
 * unknown until recorded.
 */
public record Correspondence(
        @Nullable Channel channel,
        @Nullable LocalDate on,
        @Nullable String counterpartReference) {

    public static final int MAX_REFERENCE = 100;

    /** Letters, digits, spaces and the punctuation references use; no control or invisible characters. */
    private static final Pattern REFERENCE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} /._:()#-]*");

    public static final Correspondence NONE = new Correspondence(null, null, null);

    /**
     * The counterpart's reference as typed, stripped; {@code field} names it in the problem. Blank is
     * none.
     */
    public static @Nullable String counterpartReference(@Nullable String typed, String field) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        var stripped = typed.strip();
        if (stripped.length() > MAX_REFERENCE) {
            throw InvalidInput.of(field, "reference-length", "at most " + MAX_REFERENCE + " characters");
        }
        if (!REFERENCE.matcher(stripped).matches()) {
            throw InvalidInput.of(field, "reference-characters", "letters, digits, spaces and / . _ : ( ) # - only");
        }
        return stripped;
    }

    /**
     * The channel and day a request was received or transmitted ({@code dayField} names the day), on or
     * before {@code today}.
     */
    public static Correspondence of(
            @Nullable Channel channel,
            @Nullable LocalDate on,
            @Nullable String counterpartReference,
            String dayField,
            LocalDate today) {
        var problems = new ArrayList<Violation>();
        if (channel == null) {
            problems.add(new Violation(
                    "channel", "channel-required", "one of PAPER, EMAIL, DIPLOMATIC, NETWORK_24_7, ELECTRONIC"));
        }
        if (on != null && on.isAfter(today)) {
            problems.add(new Violation(dayField, "date-in-future", "not after today (" + today + ")"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new Correspondence(channel, on, counterpartReference);
    }

    public Correspondence withCounterpartReference(@Nullable String reference) {
        return new Correspondence(channel, on, reference);
    }

    public Correspondence withTransmission(Channel by, LocalDate day) {
        return new Correspondence(by, day, counterpartReference);
    }
}
