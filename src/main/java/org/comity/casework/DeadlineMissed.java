package org.comity.casework;

import java.time.Instant;
import java.time.LocalDate;

/** An open request passed its due date; announced once per due date. */
public record DeadlineMissed(RequestFacts request, Instant dueAt, LocalDate day) {}
