package org.comity.transparency;

import java.util.UUID;

/**
 * The log stored an event durably: it is leaf {@code index}, whose RFC 6962 leaf hash is {@code
 * leafHash} (hex). A checkpoint covering it is signed right after; its receipt is then available.
 *
 * @param alreadyLogged true if the event id had been logged before and nothing was appended now
 */
public record Appended(UUID eventId, long index, String leafHash, boolean alreadyLogged) {}
