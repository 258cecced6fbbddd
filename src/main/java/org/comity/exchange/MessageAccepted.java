package org.comity.exchange;

import java.time.Instant;

/**
 * Published when the inbox accepts a message, in the transaction that stores it (so a listener after
 * commit sees it stored): once per message, never for a delivery of the same message again. Casework
 * registers requests and records the counterpart's steps from it.
 */
public record MessageAccepted(Envelope envelope, Instant receivedAt, String digest) {}
