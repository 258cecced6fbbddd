package org.comity.exchange;

import java.time.Instant;

/** An active bilateral pin: the peer's card as verified, who pinned it and when. */
public record PinView(
        long id,
        AuthorityView authority,
        String fingerprint,
        Instant cardExpiresAt,
        Instant pinnedAt,
        String pinnedBy) {}
