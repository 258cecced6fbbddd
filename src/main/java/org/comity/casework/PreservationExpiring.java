package org.comity.casework;

import java.time.Instant;

/** Preserved data will lapse soon unless the preservation is renewed; announced once per expiry. */
public record PreservationExpiring(RequestFacts request, Instant expiresAt) {}
