package org.comity.safeguards;

import java.util.UUID;

/**
 * Whether the signed-in user may see a request. Requests, and the units they belong to, are
 * casework's: casework implements this with the very rule its own request endpoints apply, and
 * safeguards asks it before showing an assessment, so an assessment is visible exactly when its
 * request is. Defined here rather than in casework because casework depends on safeguards, not the
 * other way round.
 */
public interface RequestVisibility {

    /**
     * True if the current user may see the request with this id. A user confined to a unit may not
     * see a request that does not exist; a user who sees every request may.
     */
    boolean maySee(UUID requestId);
}
