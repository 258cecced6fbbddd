/**
 * The pure core of Comity's transparency log: RFC 6962/9162 Merkle hashing, proofs and their strict
 * verification, C2SP signed notes and checkpoints, tlog-tiles encodings and tlog-proof receipts. It
 * depends on the JDK only (no Spring, no JDBC, no web types) so the log writer, the HTTP endpoints
 * and offline verifiers all share one interoperable implementation. Malformed input is rejected with
 * {@link org.comity.transparency.domain.FormatException}; a proof or signature that does not hold
 * throws {@link org.comity.transparency.domain.VerificationException} naming what failed.
 */
package org.comity.transparency.domain;
