package org.comity.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The dispatcher's wait after the n-th failed attempt: doubling from the initial wait, capped, jittered. */
class BackoffTest {

    static final ExchangeProperties.Delivery SETTINGS = new ExchangeProperties.Delivery(
            Duration.ofSeconds(1),
            Duration.ofMinutes(10),
            Duration.ofHours(24),
            Duration.ofSeconds(1),
            4,
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            16,
            2,
            null);

    @Test
    void eachWaitIsBetweenHalfAndAllOfTheDoubledWaitAndNeverAboveTheMaximum() {
        var dispatcher = new Dispatcher(null, null, Clock.systemUTC(), SETTINGS, 1 << 20, null);
        for (int attempt = 1; attempt <= 64; attempt++) {
            long full = Math.min(600_000L, 1000L << Math.min(attempt - 1, 30));
            for (int i = 0; i < 50; i++) {
                long wait = dispatcher.backoff(attempt).toMillis();
                assertThat(wait).as("attempt %d", attempt).isBetween(full / 2, full);
            }
        }
    }

    @Test
    void theWaitsAreNotAllTheSame() {
        var dispatcher = new Dispatcher(null, null, Clock.systemUTC(), SETTINGS, 1 << 20, null);
        var waits = new java.util.HashSet<Duration>();
        for (int i = 0; i < 20; i++) {
            waits.add(dispatcher.backoff(5));
        }
        assertThat(waits).hasSizeGreaterThan(1);
    }
}
