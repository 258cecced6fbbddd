package org.comity.casework;

import java.time.LocalDate;

/** A request was withdrawn before closure; {@code fromState} is the state it was withdrawn from. */
public record RequestWithdrawn(RequestFacts request, String fromState, LocalDate day) {}
