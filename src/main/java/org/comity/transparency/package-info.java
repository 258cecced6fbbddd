/**
 * Transparency log: the public metadata of every request event on an append-only Merkle log in the
 * C2SP tlog-tiles format, with signed checkpoints, inclusion and consistency proofs, receipts,
 * commitments to the confidential record, and statistics anyone can recompute from the log.
 */
@ApplicationModule(displayName = "Transparency log")
package org.comity.transparency;

import org.springframework.modulith.ApplicationModule;
