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
 * @param maxChunkBytes the largest body of one upload request ({@code PATCH}), API and console alike:
 *     evidence uploads have this bound in place of {@code comity.web.max-request-bytes}
 * @param maxFormBytes the largest item the console's plain form (no JavaScript, one multipart request)
 *     takes; also bounded by {@code spring.servlet.multipart.max-file-size}
 * @param defaultRetention how long a package is kept when its creator names no date
 * @param specialityRetention how long, at most, when the request states speciality; empty: no limit of its own
 * @param onwardTransferRetention how long, at most, when onward transfer needs consent; empty: no limit of its own
 * @param retentionWarning how long before its retention ends a package is recorded and listed as expiring
 * @param warmUpCipher whether to exercise AES-GCM once the node serves pages (some 3.6 s of CPU, so the
 *     first upload runs at full speed at once): off by default, since on a small machine it takes that CPU
 *     from whatever else the node does in its first seconds
 */
@ConfigurationProperties("comity.evidence")
public record EvidenceProperties(
        @Nullable Path storageDirectory,
        @Nullable Path keyDirectory,
        @DefaultValue("1099511627776") long maxItemBytes,
        @DefaultValue("67108864") long maxChunkBytes,
        @DefaultValue("20971520") long maxFormBytes,
        @DefaultValue("3650d") Duration defaultRetention,
        @Nullable Duration specialityRetention,
        @Nullable Duration onwardTransferRetention,
        @DefaultValue("30d") Duration retentionWarning,
        @DefaultValue("false") boolean warmUpCipher) {

    public EvidenceProperties {
        if (maxItemBytes < 1) {
            throw new IllegalArgumentException("comity.evidence.max-item-bytes must be at least 1");
        }
        if (maxChunkBytes < 1024) {
            throw new IllegalArgumentException("comity.evidence.max-chunk-bytes must be at least 1 KiB");
        }
        if (maxFormBytes < 1) {
            throw new IllegalArgumentException("comity.evidence.max-form-bytes must be at least 1");
        }
        if (defaultRetention.isNegative() || defaultRetention.isZero()) {
            throw new IllegalArgumentException("comity.evidence.default-retention must be positive");
        }
        if (retentionWarning.isNegative()) {
            throw new IllegalArgumentException("comity.evidence.retention-warning must not be negative");
        }
    }

    public org.comity.evidence.domain.RetentionPolicy retentionPolicy() {
        return new org.comity.evidence.domain.RetentionPolicy(
                defaultRetention, specialityRetention, onwardTransferRetention);
    }
}
