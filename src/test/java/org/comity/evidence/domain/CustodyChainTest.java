package org.comity.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CustodyChainTest {

    static final SigningKey KEY = SigningKey.generate();
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    static List<CustodyRecord> chain() {
        var id = UUID.randomUUID();
        var item = UUID.randomUUID();
        var records = new ArrayList<CustodyRecord>();
        CustodyRecord last = null;
        for (var act : List.of(Act.CREATED, Act.ITEM_ANNOUNCED, Act.ITEM_ADDED, Act.SEALED, Act.DOWNLOADED)) {
            last = CustodyChain.next(
                    last,
                    id,
                    T0.plusSeconds(records.size()),
                    "caseworker",
                    act,
                    act == Act.CREATED || act == Act.SEALED ? null : item,
                    Digest.ZERO.hex(),
                    KEY);
            records.add(last);
        }
        return records;
    }

    @Test
    void anUntouchedChainVerifies() {
        var records = chain();
        var verified = CustodyChain.verify(records, KEY.publicKey());
        assertThat(verified.records()).isEqualTo(5);
        assertThat(verified.head()).isEqualTo(records.getLast().hash());
    }

    @Test
    void aChangedFieldIsFoundAtItsRecord() {
        var records = new ArrayList<>(chain());
        var r = records.get(2);
        records.set(
                2,
                new CustodyRecord(
                        r.index(),
                        r.packageId(),
                        r.at(),
                        "someone-else",
                        r.act(),
                        r.item(),
                        r.detail(),
                        r.previous(),
                        r.hash(),
                        r.keyId(),
                        r.signature()));
        assertThatThrownBy(() -> CustodyChain.verify(records, KEY.publicKey()))
                .isInstanceOfSatisfying(
                        CustodyChainBroken.class, e -> assertThat(e.index()).isEqualTo(2));
    }

    @Test
    void aRemovedRecordIsFoundWhereTheGapIs() {
        var records = new ArrayList<>(chain());
        records.remove(3);
        assertThatThrownBy(() -> CustodyChain.verify(records, KEY.publicKey()))
                .isInstanceOfSatisfying(
                        CustodyChainBroken.class, e -> assertThat(e.index()).isEqualTo(3));
    }

    @Test
    void aChainReSignedByAnotherKeyIsRefused() {
        var records = chain();
        assertThatThrownBy(
                        () -> CustodyChain.verify(records, SigningKey.generate().publicKey()))
                .isInstanceOfSatisfying(
                        CustodyChainBroken.class, e -> assertThat(e.index()).isZero());
    }

    @Test
    void aRehashedRecordWithoutTheKeysSignatureIsRefused() {
        var records = new ArrayList<>(chain());
        var r = records.get(4);
        var forged = CustodyChain.next(
                records.get(3),
                r.packageId(),
                r.at(),
                "intruder",
                r.act(),
                r.item(),
                r.detail(),
                SigningKey.generate());
        records.set(
                4,
                new CustodyRecord(
                        forged.index(),
                        forged.packageId(),
                        forged.at(),
                        forged.actor(),
                        forged.act(),
                        forged.item(),
                        forged.detail(),
                        forged.previous(),
                        forged.hash(),
                        KEY.keyId(),
                        forged.signature()));
        assertThatThrownBy(() -> CustodyChain.verify(records, KEY.publicKey()))
                .isInstanceOfSatisfying(
                        CustodyChainBroken.class, e -> assertThat(e.index()).isEqualTo(4));
    }
}
