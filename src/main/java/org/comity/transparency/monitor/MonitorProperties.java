package org.comity.transparency.monitor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node as a cross-State monitor, under {@code comity.monitor.*} (docs/transparency.md, "The
 * cross-State monitor"). Off unless {@code enabled}; the findings pages are served either way.
 *
 * @param interval time between the end of one round and the start of the next
 * @param grace how long a paired entry may wait for its counterpart before it is reported unpaired
 * @param logs the logs followed, one per State
 */
@ConfigurationProperties("comity.monitor")
public record MonitorProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("5m") Duration interval,
        @DefaultValue("24h") Duration grace,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue List<Followed> logs) {

    /**
     * @param state the ISO 3166-1 alpha-2 code of the State whose log it is
     * @param url the node's base URL (its tiles are under {@code <url>/log/})
     * @param vkey the log's verifier key, pinned
     * @param policy a C2SP tlog-policy file naming the log's witnesses, optional
     */
    public record Followed(
            String state, String url, String vkey, @Nullable Path policy) {}
}
