package org.comity.transparency.domain.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.comity.transparency.domain.FormatException;
import org.junit.jupiter.api.Test;

class HashTest {

    private static final String EMPTY_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void emptyRootIsSha256OfNothing() {
        assertThat(MerkleTree.EMPTY_ROOT.hex()).isEqualTo(EMPTY_HEX);
        assertThat(MerkleTree.root(java.util.List.of())).isEqualTo(MerkleTree.EMPTY_ROOT);
    }

    @Test
    void equalityIsByValueAndCopiesAreDefensive() {
        byte[] raw = Hash.fromHex(EMPTY_HEX).bytes();
        Hash a = Hash.of(raw);
        raw[0] ^= 1;
        assertThat(a).isEqualTo(Hash.fromHex(EMPTY_HEX)).hasSameHashCodeAs(Hash.fromHex(EMPTY_HEX));
        a.bytes()[0] ^= 1;
        assertThat(a.hex()).isEqualTo(EMPTY_HEX);
        assertThat(Hash.fromBase64(a.base64())).isEqualTo(a);
        assertThat(a.toString()).isEqualTo(EMPTY_HEX);
    }

    @Test
    void rejectsWrongLengthsAndNonCanonicalEncodings() {
        assertThatThrownBy(() -> Hash.of(new byte[31])).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Hash.fromHex("abcd")).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Hash.fromHex("zz".repeat(32))).isInstanceOf(FormatException.class);
        String b64 = MerkleTree.EMPTY_ROOT.base64();
        assertThatThrownBy(() -> Hash.fromBase64(b64.replace("=", ""))).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> Hash.fromBase64(" " + b64)).isInstanceOf(FormatException.class);
        // Same bytes, but non-zero padding bits: not the canonical spelling.
        String nonCanonical = b64.substring(0, 42) + "V=";
        assertThatThrownBy(() -> Hash.fromBase64(nonCanonical)).isInstanceOf(FormatException.class);
    }

    @Test
    void nodeHashUsesTheInteriorPrefix() {
        Hash leaf = MerkleTree.leafHash(new byte[0]);
        assertThat(leaf.hex()).isEqualTo("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assertThat(MerkleTree.nodeHash(leaf, leaf)).isNotEqualTo(MerkleTree.leafHash(concat(leaf, leaf)));
    }

    private static byte[] concat(Hash a, Hash b) {
        byte[] out = new byte[64];
        System.arraycopy(a.bytes(), 0, out, 0, 32);
        System.arraycopy(b.bytes(), 0, out, 32, 32);
        return out;
    }
}
