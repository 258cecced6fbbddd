package org.comity.casework.domain;

import java.util.Set;
import org.comity.accounts.Role;
import org.comity.shared.Conflict;

/**
 * Sending a request, and deciding one whose assessment raised a ground or concern, needs a second
 * person: a supervisor who neither proposed it nor wrote any version of its content. One compromised
 * or pressured account must not be enough to send or grant a request (peers.md: forged emergencies),
 * and an account that put words into the request is not a second pair of eyes on them: it could
 * write what it wants and approve it once a colleague has proposed it.
 */
public final class FourEyes {

    private FourEyes() {}

    /**
     * @param proposedBy who proposed sending or the decision
     * @param contentAuthors everyone who wrote a version of the request's content: who created or
     *     registered it and everyone who edited it
     */
    public static void requireSecondApprover(String proposedBy, Set<String> contentAuthors, Actor approver) {
        if (approver.username().equals(proposedBy)) {
            throw new Conflict("four-eyes-same-user", "the second approval must come from another user");
        }
        if (contentAuthors.contains(approver.username())) {
            throw new Conflict(
                    "four-eyes-content-author",
                    "the second approval must come from someone who did not write or edit the request's content");
        }
        if (!approver.has(Role.SUPERVISOR)) {
            throw new Conflict("four-eyes-role", "the second approval must come from a supervisor");
        }
    }
}
