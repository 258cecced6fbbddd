package org.comity.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Dates and times for templates ({@code ${@times.at(instant)}}): every moment shows its time zone, and
 * the console shows them in UTC, the zone deadlines are computed in.
 */
@Component("times")
public class Times {

    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    public String at(@Nullable Instant instant) {
        return instant == null ? "" : MOMENT.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** For the {@code datetime} attribute of a {@code <time>} element. */
    public String iso(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    public String day(@Nullable LocalDate day) {
        return day == null ? "" : day.toString();
    }
}
