/**
 * C2SP tlog-witness: the {@code add-checkpoint} request ({@link
 * org.comity.transparency.domain.witness.AddCheckpoint}) and the witness's rules for answering it
 * ({@link org.comity.transparency.domain.witness.Verdict}).
 */
package org.comity.transparency.domain.witness;
