package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The end date of the period of data sought is inclusive: "to 2026-03-31" covers that whole day (UTC,
 * the zone the form states), so the API and the letter, which show the stored instant, keep the last
 * day.
 */
class DataPeriodEndTest {

    @Test
    void aPeriodEndingOnADayRunsThroughTheEndOfThatDay() {
        var form = ContentForm.read(Map.of(
                "dataCategories", List.of("SUBSCRIBER"),
                "dataFrom", List.of("2026-01-01"),
                "dataTo", List.of("2026-03-31")));
        var data = form.content().dataSought();

        assertThat(data.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(data.to()).isAfter(Instant.parse("2026-03-31T23:59:59Z"));
        assertThat(data.to()).isBefore(Instant.parse("2026-04-01T00:00:00Z"));
        // Shown again in the form as the day typed, not the next one.
        assertThat(ContentForm.of(form.content()).subjects().dataTo()).isEqualTo("2026-03-31");
    }
}
