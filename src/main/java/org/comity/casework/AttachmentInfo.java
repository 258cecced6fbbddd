package org.comity.casework;

import java.time.Instant;
import java.util.UUID;

/** A document attached to a request, without its content. */
public record AttachmentInfo(
        UUID id,
        UUID requestId,
        String fileName,
        String contentType,
        long sizeBytes,
        String sha256,
        Instant uploadedAt,
        String uploadedBy) {}
