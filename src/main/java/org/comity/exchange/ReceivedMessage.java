package org.comity.exchange;

import java.time.Instant;

/**
 * A message this node accepted, as stored once.
 *
 * @param digest SHA-256 (hex) of the bytes received, as the receipt names it
 * @param receipt the signed receipt the sender was answered with, every time it delivered the message
 */
public record ReceivedMessage(Envelope envelope, Instant receivedAt, String digest, String receipt) {}
