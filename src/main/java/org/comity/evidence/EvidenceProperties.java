package org.comity.evidence;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the evidence module, under {@code comity.evidence.*} (README, docs/evidence.md).
 *
 * @param storageDirectory where items' ciphertext is kept; empty means {@code <data-dir>/evidence}
 * @param keyDirectory where the node key and the evidence signing key are kept; empty means
 *     {@code <data-dir>/keys}
 * @param maxItemBytes the largest item an upload may declare
 * @param defaultRetention how long a package is kept when its creator names no date
 */
@ConfigurationProperties("comity.evidence")
public record EvidenceProperties(
        @Nullable Path storageDirectory,
        @Nullable Path keyDirectory,
        @DefaultValue("1099511627776") long maxItemBytes,
        @DefaultValue("3650d") Duration defaultRetention) {

    public EvidenceProperties {
        if (maxItemBytes < 1) {
            throw new IllegalArgumentException("comity.evidence.max-item-bytes must be at least 1");
        }
        if (defaultRetention.isNegative() || defaultRetention.isZero()) {
            throw new IllegalArgumentException("comity.evidence.default-retention must be positive");
        }
    }
}
