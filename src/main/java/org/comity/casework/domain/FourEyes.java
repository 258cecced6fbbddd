package org.comity.casework.domain;

import org.comity.accounts.Role;
import org.comity.shared.Conflict;

/**
 * Sending a request, and deciding one whose assessment raised a ground or concern, needs a second
 * person: a supervisor who is not the one who proposed it. One compromised or pressured account must
 * not be enough to send or grant a request (peers.md: forged emergencies).
 */
public final class FourEyes {

    private FourEyes() {}

    public static void requireSecondApprover(String proposedBy, Actor approver) {
        if (approver.username().equals(proposedBy)) {
            throw new Conflict("four-eyes-same-user", "the second approval must come from another user");
        }
        if (!approver.has(Role.SUPERVISOR)) {
            throw new Conflict("four-eyes-role", "the second approval must come from a supervisor");
        }
    }
}
