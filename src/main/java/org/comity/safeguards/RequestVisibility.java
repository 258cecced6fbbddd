package org.comity.safeguards;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Whether the signed-in user may see a request. Requests, and the units they belong to, are
 * casework's: casework implements this with the very rule its own request endpoints apply, and
 * safeguards asks it before showing the earlier requests of an assessment's history. Defined here
 * rather than in casework because casework depends on safeguards, not the other way round.
 */
public interface RequestVisibility {

    /**
     * True if the current user may see the request with this id. A user confined to a unit may not
     * see a request that does not exist; a user who sees every request may.
     */
    boolean maySee(UUID requestId);

    /** Those of these requests the current user may see: one question for an assessment's history. */
    default Set<UUID> visible(Collection<UUID> requestIds) {
        return requestIds.stream().filter(this::maySee).collect(Collectors.toUnmodifiableSet());
    }
}
