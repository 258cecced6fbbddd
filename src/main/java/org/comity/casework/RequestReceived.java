package org.comity.casework;

import java.time.LocalDate;

/** An incoming request was registered on this node. */
public record RequestReceived(RequestFacts request, LocalDate day) {}
