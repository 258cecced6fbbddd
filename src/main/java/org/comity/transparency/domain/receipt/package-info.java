/**
 * Receipts in the C2SP tlog-proof format ({@code c2sp.org/tlog-proof@v1}): an optional {@code extra}
 * line, {@code index <n>}, the base64 inclusion proof hashes, an empty line, then the signed
 * checkpoint verbatim. A receipt proves offline that an entry is in a log: {@link
 * org.comity.transparency.domain.receipt.Receipt#verify} checks the checkpoint signature and origin
 * against a trusted log key, then the inclusion proof against the checkpoint root. The extra data is
 * carried but never trusted; witness cosignatures are ignored (no witness policy yet).
 */
package org.comity.transparency.domain.receipt;
