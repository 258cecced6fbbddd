package org.comity.casework;

import java.time.LocalDate;

/** A granted request was executed; with {@code evidenceTransmitted} when evidence went back. */
public record RequestExecuted(RequestFacts request, boolean evidenceTransmitted, LocalDate day) {}
