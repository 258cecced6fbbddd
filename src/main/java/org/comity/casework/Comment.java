package org.comity.casework;

import java.time.Instant;

/** A note a user left on a request. */
public record Comment(long id, Instant at, String author, String body) {}
