package org.comity.transparency.domain.tiles;

import java.util.ArrayList;
import java.util.List;
import org.comity.transparency.domain.Encoding;
import org.comity.transparency.domain.FormatException;

/** A tile resource: either a hash tile or an entry bundle. */
public sealed interface TileId permits HashTileId, EntryBundleId {

    /** Tile index within its level. */
    long index();

    /** Number of hashes or entries, 1..256; 256 means a full tile. */
    int width();

    /** The path below the log prefix, without a leading slash. */
    String path();

    default boolean isFull() {
        return width() == Tiles.WIDTH;
    }

    /** Parses a tile path; only the canonical spelling of each number is accepted. */
    static TileId parse(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length < 3 || !parts[0].equals("tile")) {
            throw new FormatException("a tile path is tile/<L>/<N>[.p/<W>]");
        }
        List<String> elements = new ArrayList<>(List.of(parts).subList(2, parts.length));
        int width = Tiles.WIDTH;
        if (elements.size() >= 2 && elements.get(elements.size() - 2).endsWith(".p")) {
            long w = Encoding.decimal(elements.removeLast(), "tile width");
            if (w < 1 || w >= Tiles.WIDTH) {
                throw new FormatException("partial tile width must be 1..255");
            }
            width = (int) w;
            String last = elements.removeLast();
            elements.add(last.substring(0, last.length() - 2));
        }
        long index = parseIndex(elements);
        if (parts[1].equals("entries")) {
            return new EntryBundleId(index, width);
        }
        long level = Encoding.decimal(parts[1], "tile level");
        if (level > HashTileId.MAX_LEVEL) {
            throw new FormatException("tile level must be 0..63");
        }
        return new HashTileId((int) level, index, width);
    }

    private static long parseIndex(List<String> elements) {
        long index = 0;
        for (int i = 0; i < elements.size(); i++) {
            String e = elements.get(i);
            boolean last = i == elements.size() - 1;
            String digits = last ? e : (e.startsWith("x") ? e.substring(1) : "");
            if (digits.length() != 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new FormatException("tile index elements are x<3 digits>/.../<3 digits>");
            }
            if (index > (Long.MAX_VALUE - 999) / 1000) {
                throw new FormatException("tile index too large");
            }
            index = index * 1000 + Integer.parseInt(digits);
        }
        // Rejects extra leading groups such as x000/001, which would alias tile 1.
        if (!encodeIndex(index).equals(String.join("/", elements))) {
            throw new FormatException("tile index is not canonically encoded");
        }
        return index;
    }

    /** {@code 1234067} → {@code x001/x234/067}. */
    static String encodeIndex(long index) {
        StringBuilder out = new StringBuilder(String.format("%03d", index % 1000));
        for (long n = index / 1000; n > 0; n /= 1000) {
            out.insert(0, String.format("x%03d/", n % 1000));
        }
        return out.toString();
    }

    static String suffix(int width) {
        return width == Tiles.WIDTH ? "" : ".p/" + width;
    }
}
