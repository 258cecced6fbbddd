package org.comity.casework;

import java.time.LocalDate;

/** A request was closed after its refusal or execution. */
public record RequestClosed(RequestFacts request, LocalDate day) {}
