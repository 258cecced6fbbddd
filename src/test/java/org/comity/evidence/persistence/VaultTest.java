package org.comity.evidence.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.comity.evidence.domain.BlobStore;
import org.comity.evidence.domain.Digest;
import org.comity.evidence.domain.Item;
import org.comity.evidence.domain.ItemKeys;
import org.comity.evidence.domain.MediaType;
import org.comity.evidence.domain.Origin;
import org.comity.evidence.domain.SignatureRefused;
import org.comity.evidence.domain.Source;
import org.comity.evidence.domain.Vault;
import org.comity.shared.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Items streamed into encrypted parts on disk and back, and what a changed byte on disk does. */
class VaultTest {

    @TempDir
    Path dir;

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    record Stored(Item item, ItemKeys keys, byte[] content, FileBlobStore blobs, Vault vault) {}

    Stored store(int size, int... partSizes) throws IOException {
        var content = new byte[size];
        new Random(17).nextBytes(content);
        var blobs = new FileBlobStore(dir.resolve("blobs"));
        var vault = new Vault(blobs);
        var source = new FileKeySource(dir.resolve("keys/node-key.json"));
        var item = Item.announce(
                UUID.randomUUID(),
                "image.dd",
                MediaType.OCTET_STREAM,
                new Origin("SW-2026-4", new Source.Examiner("Forensic lab"), T0),
                size,
                size,
                T0,
                "caseworker");
        var keys = ItemKeys.generate(item.id(), source);
        var digest = Vault.sha256();
        int offset = 0;
        for (int part : partSizes) {
            long n = vault.appendPart(item, keys.keys(), new ByteArrayInputStream(content, offset, part), digest);
            assertThat(n).isEqualTo(part);
            var whole = (java.security.MessageDigest) clone(digest);
            item = item.received(offset, n, () -> Digest.of(whole.digest()));
            offset += part;
        }
        return new Stored(item, ItemKeys.unwrap(item.id(), keys.wrapped(), source), content, blobs, vault);
    }

    static Object clone(java.security.MessageDigest d) {
        try {
            return d.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anItemStreamedInPartsComesBackWholeAndItsHashIsTheContentsHash() throws Exception {
        var s = store(3 * 1024 * 1024 + 17, 1024 * 1024, 1024 * 1024 + 9, 1024 * 1024 + 8);
        byte[] back;
        try (InputStream in = s.vault().open(s.item(), s.keys())) {
            back = in.readAllBytes();
        }
        assertThat(back).isEqualTo(s.content());
        assertThat(s.item().sha256())
                .isEqualTo(Digest.of(
                        java.security.MessageDigest.getInstance("SHA-256").digest(s.content())));
        assertThat(s.vault().digestSoFar(s.item(), s.keys()).digest())
                .isEqualTo(s.item().sha256().bytes());
        // Only ciphertext is on disk.
        var part = Files.readAllBytes(
                s.blobs().path(new BlobStore.Name(s.item().packageId(), s.item().id(), 1)));
        assertThat(indexOf(part, java.util.Arrays.copyOf(s.content(), 32))).isEqualTo(-1);
    }

    @Test
    void aFlippedByteInStoredCiphertextIsRefusedOnRead() throws Exception {
        var s = store(2 * 1024 * 1024 + 5, 2 * 1024 * 1024 + 5);
        var file =
                s.blobs().path(new BlobStore.Name(s.item().packageId(), s.item().id(), 1));
        flip(file, 1024 * 1024 + 100);
        try (InputStream in = s.vault().open(s.item(), s.keys())) {
            var first = in.readNBytes(1024 * 1024 - 1024);
            assertThat(first).isEqualTo(java.util.Arrays.copyOf(s.content(), first.length));
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void swappedPartsAreRefused() throws Exception {
        var s = store(2000, 1000, 1000);
        var one =
                s.blobs().path(new BlobStore.Name(s.item().packageId(), s.item().id(), 1));
        var two =
                s.blobs().path(new BlobStore.Name(s.item().packageId(), s.item().id(), 2));
        var a = Files.readAllBytes(one);
        Files.write(one, Files.readAllBytes(two));
        Files.write(two, a);
        try (InputStream in = s.vault().open(s.item(), s.keys())) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aMissingPartIsRefused() throws Exception {
        var s = store(2000, 1000, 1000);
        Files.delete(
                s.blobs().path(new BlobStore.Name(s.item().packageId(), s.item().id(), 2)));
        try (InputStream in = s.vault().open(s.item(), s.keys())) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aBodyLongerThanTheDeclaredLengthStoresNothing() throws Exception {
        var blobs = new FileBlobStore(dir.resolve("blobs"));
        var vault = new Vault(blobs);
        var source = new FileKeySource(dir.resolve("keys/node-key.json"));
        var item = Item.announce(
                UUID.randomUUID(),
                "a.bin",
                MediaType.OCTET_STREAM,
                new Origin("PO-1", new Source.Provider("Example Host"), T0),
                10,
                10,
                T0,
                "c");
        var keys = ItemKeys.generate(item.id(), source).keys();
        assertThatThrownBy(() -> vault.appendPart(item, keys, new ByteArrayInputStream(new byte[11]), Vault.sha256()))
                .isInstanceOf(InvalidInput.class);
        assertThat(Files.exists(blobs.path(new BlobStore.Name(item.packageId(), item.id(), 1))))
                .isFalse();
    }

    @Test
    void aKeysetUnwrapsOnlyForItsItemWithTheNodeKeyThatIsOwnerOnly() throws Exception {
        var source = new FileKeySource(dir.resolve("keys/node-key.json"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("keys/node-key.json"))))
                .isEqualTo("rw-------");
        var id = UUID.randomUUID();
        var wrapped = ItemKeys.generate(id, source).wrapped();
        assertThatThrownBy(() -> ItemKeys.unwrap(UUID.randomUUID(), wrapped, source))
                .isInstanceOf(SignatureRefused.class);
        var other = new FileKeySource(dir.resolve("other/node-key.json"));
        assertThatThrownBy(() -> ItemKeys.unwrap(id, wrapped, other)).isInstanceOf(SignatureRefused.class);
        ItemKeys.unwrap(id, wrapped, new FileKeySource(dir.resolve("keys/node-key.json")));
    }

    static void flip(Path file, long position) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            var b = java.nio.ByteBuffer.allocate(1);
            channel.read(b, position);
            b.put(0, (byte) (b.get(0) ^ 0x01));
            b.rewind();
            channel.write(b, position);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
