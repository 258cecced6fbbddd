package org.comity.transparency.domain.tiles;

import org.comity.transparency.domain.FormatException;

/** Entry bundle {@code index}: entries {@code index * 256} to {@code index * 256 + width - 1}. */
public record EntryBundleId(long index, int width) implements TileId {

    public EntryBundleId {
        if (index < 0 || width < 1 || width > Tiles.WIDTH) {
            throw new FormatException("bundle index >= 0, width 1..256");
        }
    }

    @Override
    public String path() {
        return "tile/entries/" + TileId.encodeIndex(index) + TileId.suffix(width);
    }
}
