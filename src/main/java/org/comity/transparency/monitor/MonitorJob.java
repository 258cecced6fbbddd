package org.comity.transparency.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.domain.checkpoint.TrustedLog;
import org.comity.transparency.domain.monitor.FollowedLog;
import org.comity.transparency.domain.monitor.Monitor;
import org.comity.transparency.domain.note.NoteVerifier;
import org.comity.transparency.domain.policy.TrustPolicy;
import org.comity.transparency.persistence.JdbcMonitorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's monitor rounds ({@code comity.monitor.enabled}): reads the followed logs over their
 * public endpoints like any outsider, and saves each round's findings with the state after it.
 */
class MonitorJob {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorJob.class);

    private final JdbcMonitorStore store;
    private final List<FollowedLog> logs;
    private final Monitor monitor;
    private final Clock clock;
    private final java.time.Duration interval;
    // Its own thread, not the node's shared scheduler: a round over slow logs holds up nothing else.
    private java.util.concurrent.ScheduledExecutorService scheduler;

    MonitorJob(JdbcMonitorStore store, MonitorProperties properties, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.interval = properties.interval();
        this.monitor = new Monitor(new EntryFields(), properties.grace());
        List<FollowedLog> followed = new ArrayList<>();
        for (MonitorProperties.Followed f : properties.logs()) {
            TrustPolicy policy;
            try {
                policy = f.policy() == null ? null : TrustPolicy.parse(Files.readAllBytes(f.policy()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            followed.add(new FollowedLog(
                    f.state(),
                    TrustedLog.of(NoteVerifier.parse(f.vkey())),
                    new HttpLogSource(f.url(), properties.timeout()),
                    policy));
        }
        this.logs = List.copyOf(followed);
    }

    void start() {
        scheduler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("monitor").daemon().factory());
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        round();
                    } catch (RuntimeException e) {
                        LOG.warn("monitor round failed: {}", e.toString());
                    }
                },
                0,
                interval.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** One round; synchronized so a manual call never overlaps the scheduled one. */
    synchronized Monitor.Round round() {
        Monitor.Round round = monitor.run(logs, store.state(), clock.instant());
        store.save(round.state(), round.findings(), clock.instant());
        // Origins and codes only: the messages come from the logs' own public resources.
        round.errors().forEach(e -> LOG.warn("monitor: {}", e));
        round.findings()
                .forEach(f -> LOG.warn("monitor finding {} on {}", f.code().code(), f.origin()));
        return round;
    }
}
