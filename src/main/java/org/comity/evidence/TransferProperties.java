package org.comity.evidence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of transfers between nodes, under {@code comity.evidence.transfer.*}.
 *
 * @param chunkBytes the plaintext bytes of one chunk; with its encryption overhead a chunk must stay
 *     under the recipient's {@code comity.web.max-request-bytes} (4 MiB by default)
 * @param pushAutomatically whether a transmission starts pushing at once (and unfinished ones at start);
 *     off, only {@link Transfers#push} pushes
 * @param initialBackoff the first wait after a failed attempt, doubled after each one
 * @param maxBackoff the longest wait between attempts
 * @param giveUpAfter how long a push keeps trying before it stops (it resumes at the next start)
 */
@ConfigurationProperties("comity.evidence.transfer")
public record TransferProperties(
        @DefaultValue("2097152") int chunkBytes,
        @DefaultValue("true") boolean pushAutomatically,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("24h") Duration giveUpAfter) {

    public TransferProperties {
        if (chunkBytes < 1024 || chunkBytes > 3 * 1024 * 1024) {
            throw new IllegalArgumentException("comity.evidence.transfer.chunk-bytes must be 1 KiB to 3 MiB");
        }
    }
}
