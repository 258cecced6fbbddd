package org.comity.exchange.domain;

import java.time.Instant;
import java.util.List;

/**
 * A directory whose every step passed: signed by a trusted operator key, current, every entry
 * well-formed, no key id or authority twice, newer than the one it replaces.
 *
 * @param operator the operator's name as the directory states it
 * @param operatorKeyId the trusted key that signed it
 * @param document the signed document itself, kept so it can be verified again
 */
public record VerifiedDirectory(
        String operator,
        String operatorKeyId,
        long sequence,
        Instant issuedAt,
        Instant expiresAt,
        List<DirectoryEntry> entries,
        String document) {

    public VerifiedDirectory {
        entries = List.copyOf(entries);
    }
}
