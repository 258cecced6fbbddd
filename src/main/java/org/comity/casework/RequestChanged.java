package org.comity.casework;

import org.comity.casework.domain.Request;
import org.jspecify.annotations.Nullable;

/**
 * A change of a request, just stored, told inside its transaction to {@link CaseExchange}, which sends
 * the counterpart what it must hear of it. Internal to casework: not a published fact.
 *
 * @param actor who made the change ({@code exchange} when a counterpart's message made it)
 * @param pairing the token chosen for the change's step that the counterpart hears of by a message (a
 *     decision, an execution, a withdrawal), already on this side's log entry of it; null when none
 */
record RequestChanged(
        Request.Change change, String actor, @Nullable String pairing) {}
