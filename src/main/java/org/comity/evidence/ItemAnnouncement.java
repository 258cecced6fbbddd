package org.comity.evidence;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What is said of an item before its bytes arrive: its name, declared type and length, and origin.
 *
 * @param sourceKind {@code provider} or {@code examiner}
 * @param mediaType absent: {@code application/octet-stream}
 */
public record ItemAnnouncement(
        @Nullable String fileName,
        @Nullable String mediaType,
        @Nullable String orderReference,
        @Nullable String sourceKind,
        @Nullable String sourceName,
        @Nullable Instant collectedAt,
        long sizeBytes) {}
