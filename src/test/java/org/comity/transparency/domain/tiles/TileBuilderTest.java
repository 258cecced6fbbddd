package org.comity.transparency.domain.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InMemoryTree;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.junit.jupiter.api.Test;

/** Tiles built incrementally, in random batches and across resumes, equal tiles cut from the whole tree. */
class TileBuilderTest {

    @Test
    void incrementalTilesMatchTheTreeAcrossBatchesAndResumes() {
        var random = new SplittableRandom(7);
        var tree = new InMemoryTree();
        Map<String, List<Hash>> stored = new HashMap<>();
        TileBuilder builder = TileBuilder.empty();
        long size = 0;
        while (size < 70_000) {
            int batch = 1 + random.nextInt(random.nextBoolean() ? 5 : 3000);
            for (int i = 0; i < batch; i++) {
                Hash leaf = MerkleTree.leafHash(("leaf " + size).getBytes());
                tree.append(leaf);
                builder.append(leaf);
                size++;
            }
            for (TileBuilder.Tile tile : builder.drain()) {
                String key = tile.id().level() + "/" + tile.id().index();
                List<Hash> before = stored.get(key);
                if (before != null) {
                    assertThat(tile.hashes().subList(0, before.size())).isEqualTo(before); // tiles only grow
                }
                stored.put(key, tile.hashes());
            }
            for (HashTileId id : Tiles.hashTilesBetween(0, size)) {
                assertThat(stored.get(id.level() + "/" + id.index()))
                        .as(id.path())
                        .isEqualTo(tree.read(Tiles.nodesOf(id)));
            }
            if (random.nextInt(10) == 0) {
                builder = TileBuilder.resume(size, id -> stored.get(id.level() + "/" + id.index()));
            }
        }
        assertThat(builder.size()).isEqualTo(size);
    }
}
