package org.comity.accounts;

import java.time.Instant;

/** One line of an account's audit trail: who did what to it, and when. */
public record AccountEvent(Instant at, String actor, String action) {}
