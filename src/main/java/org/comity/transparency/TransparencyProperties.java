package org.comity.transparency;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the transparency log, under {@code comity.transparency.*} (see docs/transparency.md).
 *
 * @param origin the log's origin line and key name, e.g. {@code comity.justice.example/log}; fixed
 *     for the life of the log, since the key is bound to it
 * @param keyFile the signing key file; empty means {@code <data-dir>/keys/transparency-log.key}
 * @param maxBatch the most entries the writer stores in one transaction
 * @param checkpointInterval the least time between two signed checkpoints (0: after every batch)
 * @param appendTimeout how long {@link TransparencyLog#append} waits for the entry to be durable
 * @param cachedTiles how many level-0 tiles the node keeps in memory for proofs and serving (tiles above
 *     level 0, one per 65 536 entries, are always kept)
 */
@ConfigurationProperties("comity.transparency")
public record TransparencyProperties(
        @DefaultValue("sandbox.comity.invalid/log") String origin,
        @Nullable Path keyFile,
        @DefaultValue("4096") int maxBatch,
        @DefaultValue("1s") Duration checkpointInterval,
        @DefaultValue("30s") Duration appendTimeout,
        @DefaultValue("4096") int cachedTiles) {

    public TransparencyProperties {
        if (maxBatch < 1 || maxBatch > 65_536) {
            throw new IllegalArgumentException("comity.transparency.max-batch must be 1..65536");
        }
        if (checkpointInterval.isNegative() || appendTimeout.isNegative() || appendTimeout.isZero()) {
            throw new IllegalArgumentException("comity.transparency intervals must be positive");
        }
        if (cachedTiles < 0) {
            throw new IllegalArgumentException("comity.transparency.cached-tiles must not be negative");
        }
    }
}
