/**
 * RFC 6962/9162 Merkle trees over SHA-256: leaf and node hashing, tree roots, an incremental
 * {@link org.comity.transparency.domain.merkle.CompactRange} for the log writer, inclusion and
 * consistency proof generation from any {@link org.comity.transparency.domain.merkle.HashReader}
 * (in memory, database or tiles), and strict proof verification that throws naming the failed check.
 * Trees hold at most 2^63-1 leaves because sizes and indexes are non-negative {@code long}s.
 */
package org.comity.transparency.domain.merkle;
