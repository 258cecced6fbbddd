package org.comity.transparency.domain.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.comity.transparency.domain.FormatException;
import org.comity.transparency.domain.SharedVectors;
import org.comity.transparency.domain.merkle.ConsistencyProof;
import org.comity.transparency.domain.merkle.Hash;
import org.comity.transparency.domain.merkle.InMemoryTree;
import org.comity.transparency.domain.merkle.InclusionProof;
import org.comity.transparency.domain.merkle.MerkleTree;
import org.comity.transparency.domain.merkle.NodeId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TilesTest {

    @Test
    void vectorTilePaths() {
        for (JsonNode v :
                SharedVectors.read("signed-note.json").get("tilePaths").values()) {
            HashTileId tile =
                    new HashTileId(v.get("level").intValue(), v.get("index").longValue(), Tiles.WIDTH);
            assertThat(tile.path()).isEqualTo(v.get("path").stringValue());
            assertThat(TileId.parse(v.get("path").stringValue())).isEqualTo(tile);
        }
    }

    @Test
    void pathsRoundTrip() {
        List<TileId> ids = List.of(
                new HashTileId(0, 0, 256),
                new HashTileId(0, 999, 1),
                new HashTileId(2, 1000, 255),
                new HashTileId(63, Long.MAX_VALUE / 256, 17),
                new EntryBundleId(1234067, 256),
                new EntryBundleId(5, 112));
        for (TileId id : ids) {
            assertThat(TileId.parse(id.path())).isEqualTo(id);
        }
        assertThat(new EntryBundleId(1234067, 112).path()).isEqualTo("tile/entries/x001/x234/067.p/112");
        assertThat(new HashTileId(1, 5, 17).path()).isEqualTo("tile/1/005.p/17");
    }

    @Test
    void nonCanonicalPathsAreRejected() {
        for (String bad : List.of(
                "tile/0/x000/001",
                "tile/0/1",
                "tile/0/0001",
                "tile/0/x001",
                "tile/0/001/002",
                "tile/00/001",
                "tile/64/001",
                "tile/0/001.p/256",
                "tile/0/001.p/0",
                "tile/0/001.p/017",
                "tile/0/001.p",
                "/tile/0/001",
                "tile/0/",
                "tile/entries/x1/001",
                "tiles/0/001",
                "tile/-1/001")) {
            assertThatThrownBy(() -> TileId.parse(bad)).as(bad).isInstanceOf(FormatException.class);
        }
    }

    @Test
    void specTreeOfSize70000() {
        List<HashTileId> tiles = Tiles.hashTilesBetween(0, 70_000);
        assertThat(tiles).filteredOn(t -> t.level() == 0 && t.isFull()).hasSize(273);
        assertThat(tiles)
                .filteredOn(t -> !t.isFull())
                .extracting(HashTileId::path)
                .containsExactly("tile/0/273.p/112", "tile/1/001.p/17", "tile/2/000.p/1");
        assertThat(tiles).filteredOn(t -> t.level() == 1 && t.isFull()).hasSize(1);
        assertThat(Tiles.hashTilesBetween(0, 256))
                .extracting(HashTileId::path)
                .containsExactly("tile/0/000", "tile/1/000.p/1");
        assertThat(Tiles.hashTilesBetween(70_000, 70_000)).isEmpty();
        assertThat(Tiles.hashTilesBetween(70_000, 70_001))
                .extracting(HashTileId::path)
                .containsExactly("tile/0/273.p/113");
    }

    @Test
    void hashTileForANode() {
        assertThat(Tiles.hashTileFor(new NodeId(0, 300), 1000)).isEqualTo(new HashTileId(0, 1, 256));
        assertThat(Tiles.hashTileFor(new NodeId(0, 900), 1000)).isEqualTo(new HashTileId(0, 3, 232));
        // Level 3 node 40 covers level-0 positions 320..327: tile 1, recomputed from 8 hashes.
        assertThat(Tiles.hashTileFor(new NodeId(3, 40), 1000)).isEqualTo(new HashTileId(0, 1, 256));
        assertThat(Tiles.hashTileFor(new NodeId(8, 2), 1000)).isEqualTo(new HashTileId(1, 0, 3));
        assertThatThrownBy(() -> Tiles.hashTileFor(new NodeId(8, 3), 1000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Tiles.entryBundleFor(999, 1000)).isEqualTo(new EntryBundleId(3, 232));
    }

    /** Publishing a tree as tiles and building proofs back from them gives the same proofs. */
    @Test
    void proofsFromTilesEqualProofsFromTheTree() {
        Random random = new Random(41);
        InMemoryTree tree = new InMemoryTree();
        Map<String, byte[]> published = new HashMap<>();
        long published_size = 0;
        for (int step = 0; step < 12; step++) {
            int grow = 1 + random.nextInt(step < 6 ? 300 : 9000);
            for (int i = 0; i < grow; i++) {
                tree.append(MerkleTree.leafHash(new byte[] {(byte) i, (byte) step}));
            }
            long n = tree.size();
            for (HashTileId t : Tiles.hashTilesBetween(published_size, n)) {
                published.put(t.path(), Tiles.encodeHashes(tree.read(Tiles.nodesOf(t))));
            }
            published_size = n;
            Set<String> fetched = new HashSet<>();
            TiledHashReader tiles = new TiledHashReader(n, t -> {
                fetched.add(t.path());
                return published.get(t.path());
            });
            assertThat(MerkleTree.root(tiles, n)).isEqualTo(tree.root());
            for (int k = 0; k < 20; k++) {
                long i = random.nextLong(n);
                List<NodeId> needed = InclusionProof.requiredNodes(i, n);
                fetched.clear();
                assertThat(InclusionProof.build(tiles, i, n)).isEqualTo(InclusionProof.build(tree, i, n));
                assertThat(new HashSet<>(fetched))
                        .isEqualTo(new HashSet<>(Tiles.hashTilesFor(needed, n).stream()
                                .map(HashTileId::path)
                                .toList()));
                long m = 1 + random.nextLong(n);
                assertThat(ConsistencyProof.build(tiles, m, n)).isEqualTo(ConsistencyProof.build(tree, m, n));
            }
        }
    }

    @Test
    void hashTileContent() {
        List<Hash> hashes = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            hashes.add(MerkleTree.leafHash(new byte[] {(byte) i}));
        }
        byte[] full = Tiles.encodeHashes(hashes);
        assertThat(full).hasSize(8192);
        assertThat(Tiles.decodeHashes(new HashTileId(0, 0, 256), full)).isEqualTo(hashes);
        // The full tile stands in for a partial one.
        assertThat(Tiles.decodeHashes(new HashTileId(0, 0, 3), full)).isEqualTo(hashes.subList(0, 3));
        byte[] partial = Tiles.encodeHashes(hashes.subList(0, 3));
        assertThatThrownBy(() -> Tiles.decodeHashes(new HashTileId(0, 0, 4), partial))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Tiles.decodeHashes(new HashTileId(0, 0, 2), new byte[65]))
                .isInstanceOf(FormatException.class);
    }

    @Test
    void entryBundles() {
        List<byte[]> entries = List.of(new byte[0], "hello".getBytes(), new byte[Tiles.MAX_ENTRY_BYTES]);
        byte[] bundle = Tiles.encodeEntries(entries);
        assertThat(bundle).startsWith(0, 0, 0, 5, 'h', 'e', 'l', 'l', 'o', 0xff, 0xff);
        assertThat(Tiles.decodeEntries(new EntryBundleId(0, 3), bundle))
                .usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(entries);
        assertThatThrownBy(() -> Tiles.encodeEntries(List.of(new byte[Tiles.MAX_ENTRY_BYTES + 1])))
                .isInstanceOf(FormatException.class);
        for (int cut = 1; cut < bundle.length; cut += 997) {
            byte[] truncated = java.util.Arrays.copyOf(bundle, bundle.length - cut);
            assertThatThrownBy(() -> Tiles.decodeEntries(new EntryBundleId(0, 3), truncated))
                    .isInstanceOf(FormatException.class);
        }
        assertThatThrownBy(() -> Tiles.decodeEntries(new EntryBundleId(0, 3), new byte[] {0}))
                .isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Tiles.decodeEntries(new EntryBundleId(0, 2), bundle))
                .as("more entries than the width")
                .isInstanceOf(FormatException.class);
    }
}
