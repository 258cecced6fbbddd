package org.comity.safeguards;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Which requests the signed-in user may see, for showing the earlier requests of an assessment's
 * history. Safeguards knows requests only by id; the module that owns them (casework, which may depend
 * on safeguards, not the other way round) answers. Without an answer nothing is shown.
 */
public interface RequestVisibility {

    /** Those of {@code requestIds} the signed-in user may see (ids of no known request included only for users who see every request). */
    Set<UUID> visible(Collection<UUID> requestIds);
}
