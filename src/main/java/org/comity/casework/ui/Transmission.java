package org.comity.casework.ui;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import org.comity.casework.domain.Channel;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/**
 * How an approved request is sent, as the supervisor's approval form posts it: the channel and the day
 * of transmission (today when left blank; casework refuses a day after today).
 */
record Transmission(@Nullable Channel channel, @Nullable LocalDate on) {

    static Transmission read(@Nullable String channel, @Nullable String on) {
        var problems = new ArrayList<Violation>();
        Channel by = null;
        if (channel != null && !channel.isBlank()) {
            try {
                by = Channel.valueOf(channel.strip());
            } catch (IllegalArgumentException e) {
                problems.add(new Violation("channel", "channel-unknown", "choose a channel from the list"));
            }
        }
        LocalDate day = null;
        if (on != null && !on.isBlank()) {
            try {
                day = LocalDate.parse(on.strip());
            } catch (DateTimeParseException e) {
                problems.add(new Violation("transmittedOn", "date-format", "a date as YYYY-MM-DD"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new Transmission(by, day);
    }
}
