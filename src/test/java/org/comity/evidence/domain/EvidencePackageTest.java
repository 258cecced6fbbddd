package org.comity.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.junit.jupiter.api.Test;

class EvidencePackageTest {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final SigningKey KEY = SigningKey.generate();

    static EvidencePackage.Open open() {
        return EvidencePackage.Open.create(
                UUID.randomUUID(), T0, "caseworker", new Retention(T0.plus(Duration.ofDays(30)), false));
    }

    static Item announced(EvidencePackage.Open p, long size) {
        return Item.announce(
                p.id(),
                "mailbox.mbox",
                new MediaType("application/mbox"),
                new Origin("PO-2026-17", new Source.Provider("Example Mail Ltd"), T0.minusSeconds(3600)),
                size,
                1 << 20,
                T0,
                "caseworker");
    }

    static Item stored(Item item) {
        return item.received(0, item.sizeBytes(), () -> Digest.of(new byte[32]));
    }

    @Test
    void sealingSignsAManifestOfEveryItemThatVerifiesWithTheNodeKey() {
        var p = open();
        var a = stored(announced(p, 10));
        var b = stored(announced(p, 20));
        var sealed = p.seal(List.of(a, b), T0.plusSeconds(60), "supervisor", KEY);
        assertThat(sealed.state()).isEqualTo("sealed");
        assertThat(sealed.manifest().manifest().items())
                .extracting(Manifest.Entry::itemId)
                .containsExactly(a.id(), b.id());
        sealed.manifest().verify(KEY.publicKey());
        assertThatThrownBy(() -> sealed.manifest().verify(SigningKey.generate().publicKey()))
                .isInstanceOf(SignatureRefused.class);
    }

    @Test
    void aChangedManifestNoLongerVerifies() {
        var p = open();
        var sealed = p.seal(List.of(stored(announced(p, 10))), T0, "supervisor", KEY);
        var m = sealed.manifest().manifest();
        var e = m.items().getFirst();
        var forged = new Manifest(
                m.packageId(),
                m.requestId(),
                m.sealedAt(),
                m.sealedBy(),
                List.of(new Manifest.Entry(
                        e.itemId(),
                        e.fileName(),
                        e.mediaType(),
                        e.sizeBytes() + 1,
                        e.sha256(),
                        e.orderReference(),
                        e.sourceKind(),
                        e.sourceName(),
                        e.collectedAt())));
        var signed = new SignedManifest(
                forged, sealed.manifest().keyId(), sealed.manifest().signature());
        assertThatThrownBy(() -> signed.verify(KEY.publicKey())).isInstanceOf(SignatureRefused.class);
        assertThat(forged.digest()).isNotEqualTo(m.digest());
    }

    @Test
    void aPackageWithAnItemStillArrivingOrNoItemIsNotSealed() {
        var p = open();
        var partial = announced(p, 10).received(0, 4, () -> Digest.ZERO);
        assertThat(partial.receivedBytes()).isEqualTo(4);
        assertThatThrownBy(() -> p.seal(List.of(partial), T0, "s", KEY))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("upload-incomplete"));
        assertThatThrownBy(() -> p.seal(List.of(), T0, "s", KEY))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("package-empty"));
    }

    @Test
    void partsArriveInOrderAndNotBeyondTheDeclaredLength() {
        var p = open();
        var item = announced(p, 10).received(0, 4, () -> Digest.ZERO);
        assertThatThrownBy(() -> item.received(3, 2, () -> Digest.ZERO))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("upload-offset"));
        var whole = item.received(4, 6, () -> Digest.of(new byte[32]));
        assertThat(whole.content()).isInstanceOf(ItemContent.Stored.class);
        assertThat(whole.parts()).isEqualTo(2);
        assertThatThrownBy(() -> whole.received(10, 1, () -> Digest.ZERO)).isInstanceOf(Conflict.class);
    }

    @Test
    void anItemOverTheLimitOrWithAPathForANameIsRefused() {
        var p = open();
        assertThatThrownBy(() -> announced(p, (1 << 20) + 1)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MediaType("not a type")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Item.announce(
                        p.id(),
                        "../etc/passwd",
                        MediaType.OCTET_STREAM,
                        new Origin("PO-1", new Source.Examiner("Lab 3"), T0),
                        1,
                        10,
                        T0,
                        "c"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations().getFirst().field()).isEqualTo("fileName"));
    }

    @Test
    void deletionWaitsForTheRetentionAndForAnyHoldToEnd() {
        var p = open();
        var sealed = p.seal(List.of(stored(announced(p, 1))), T0, "s", KEY);
        assertThatThrownBy(() -> sealed.delete(T0.plus(Duration.ofDays(29)), "s"))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("retention"));
        var held = sealed.retained(new Retention(sealed.retention().retainUntil(), true));
        assertThatThrownBy(() -> held.delete(T0.plus(Duration.ofDays(31)), "s"))
                .isInstanceOfSatisfying(
                        Conflict.class, c -> assertThat(c.rule()).isEqualTo("legal-hold"));
        var released = held.retained(new Retention(sealed.retention().retainUntil(), false));
        var deleted = released.delete(T0.plus(Duration.ofDays(31)), "s");
        assertThat(deleted.state()).isEqualTo("deleted");
        assertThatThrownBy(() -> deleted.delete(T0.plus(Duration.ofDays(32)), "s"))
                .isInstanceOf(Conflict.class);
    }
}
