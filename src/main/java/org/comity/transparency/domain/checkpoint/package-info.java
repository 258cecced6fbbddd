/**
 * C2SP tlog-checkpoint v1.0.0: the signed tree head a log publishes (origin, tree size, root hash,
 * optional extension lines) and {@link org.comity.transparency.domain.checkpoint.TrustedLog}, which
 * turns a signed note into a {@link org.comity.transparency.domain.checkpoint.Checkpoint} only if the
 * log's key signed it and the origin is the expected one. Tree sizes above 2^63-1 are rejected.
 */
package org.comity.transparency.domain.checkpoint;
