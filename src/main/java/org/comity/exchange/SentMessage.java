package org.comity.exchange;

import java.util.UUID;

/** A message written to the outbox, to be delivered after the caller's transaction commits. */
public record SentMessage(UUID messageId, long sequence, String pairingToken, Envelope envelope) {}
