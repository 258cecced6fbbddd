package org.comity.casework;

import java.time.LocalDate;

/** An outgoing request was approved by a second user and sent. */
public record RequestSubmitted(RequestFacts request, LocalDate day) {}
