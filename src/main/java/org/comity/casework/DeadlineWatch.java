package org.comity.casework;

import java.time.Clock;
import org.comity.casework.domain.TimeLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Looks regularly for open requests past their due date and preservations about to lapse, and has
 * {@link Casework} announce each once. Each request is handled in its own transaction, so one failure
 * does not hold back the others.
 */
@Component
class DeadlineWatch implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);

    private final Casework casework;
    private final CaseworkProperties properties;
    private final TimeLimits limits;
    private final Clock clock;

    DeadlineWatch(Casework casework, CaseworkProperties properties, TimeLimits limits, Clock clock) {
        this.casework = casework;
        this.properties = properties;
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.watchEnabled()) {
            registrar.addFixedDelayTask(
                    new FixedDelayTask(this::run, properties.watchInterval(), properties.watchInterval()));
        }
    }

    /** Returns how many requests had something to announce. */
    int run() {
        int announced = 0;
        for (var id : casework.needingAttention(clock.instant(), limits.preservationWarning())) {
            try {
                if (casework.watch(id)) {
                    announced++;
                }
            } catch (RuntimeException e) {
                // Most likely a concurrent edit (stale version): the next round sees the request again.
                log.warn("could not check deadlines of request {}: {}", id, e.getMessage());
            }
        }
        return announced;
    }
}
