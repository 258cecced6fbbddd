package org.comity.casework;

import org.comity.casework.domain.Request;

/**
 * A change of a request, just stored, told inside its transaction to {@link CaseExchange}, which sends
 * the counterpart what it must hear of it. Internal to casework: not a published fact.
 *
 * @param actor who made the change ({@code exchange} when a counterpart's message made it)
 */
record RequestChanged(Request.Change change, String actor) {}
