package org.comity.exchange.domain;

import java.time.Instant;

/**
 * An authority card whose signature verified with its own signing key, whose fingerprint matched the
 * one the administrator confirmed, and whose entry is well-formed.
 */
public record VerifiedCard(
        DirectoryEntry entry,
        String signingKeyId,
        Fingerprint fingerprint,
        Instant issuedAt,
        Instant expiresAt,
        String document) {}
