package org.comity.exchange;

import java.time.Instant;
import java.util.List;

/**
 * The directory the node uses now.
 *
 * @param current false once it has expired: its keys are trusted no more, its revocations still count
 */
public record DirectoryView(
        String operator,
        String operatorKeyId,
        long sequence,
        Instant issuedAt,
        Instant expiresAt,
        boolean current,
        List<AuthorityView> authorities) {}
