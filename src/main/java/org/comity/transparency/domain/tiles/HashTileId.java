package org.comity.transparency.domain.tiles;

import org.comity.transparency.domain.FormatException;

/**
 * Hash tile {@code index} at tile {@code level}: Merkle hashes at tree level {@code 8 * level},
 * positions {@code index * 256} to {@code index * 256 + width - 1}.
 */
public record HashTileId(int level, long index, int width) implements TileId {

    public static final int MAX_LEVEL = 63;

    public HashTileId {
        if (level < 0 || level > MAX_LEVEL || index < 0 || width < 1 || width > Tiles.WIDTH) {
            throw new FormatException("tile level 0..63, index >= 0, width 1..256");
        }
    }

    @Override
    public String path() {
        return "tile/" + level + "/" + TileId.encodeIndex(index) + TileId.suffix(width);
    }
}
