package org.comity.transparency.domain.merkle;

import java.util.List;

/**
 * Source of complete-subtree hashes (an in-memory tree, a database, tiles). Proof and root
 * computations ask for all the nodes they need in one call so a store can fetch them in one batch.
 */
@FunctionalInterface
public interface HashReader {

    /**
     * Returns the hashes of {@code nodes}, in the same order.
     *
     * @throws IllegalArgumentException if a node is not (yet) in the store
     */
    List<Hash> read(List<NodeId> nodes);
}
