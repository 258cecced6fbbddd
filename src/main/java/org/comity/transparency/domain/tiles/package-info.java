/**
 * C2SP tlog-tiles: tile and entry-bundle paths ({@code tile/<L>/<N>[.p/<W>]},
 * {@code tile/entries/<N>[.p/<W>]}), their contents (concatenated 32-byte hashes; big-endian uint16
 * length-prefixed entries), which tiles a proof, root or newly grown tree needs, and a {@link
 * org.comity.transparency.domain.merkle.HashReader} over tiles so proofs can be built from them.
 * Paths are relative to the log prefix and have no leading slash. Tile height is 8 (256 hashes).
 */
package org.comity.transparency.domain.tiles;
