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
        return store(new FileBlobStore(dir.resolve("blobs")), size, partSizes);
    }

    Stored store(FileBlobStore blobs, int size, int... partSizes) throws IOException {
        var content = new byte[size];
        new Random(17).nextBytes(content);
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
            var appended = vault.append(item, keys.keys(), new ByteArrayInputStream(content, offset, part), digest);
            assertThat(appended.bytes()).isEqualTo(part);
            assertThat(appended.cut()).isNull();
            digest = appended.digest();
            var whole = (java.security.MessageDigest) clone(digest);
            item = item.received(offset, appended.bytes(), appended.parts(), () -> Digest.of(whole.digest()));
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
        assertThat(s.vault().readBack(s.item(), s.keys()).digest().digest())
                .isEqualTo(s.item().sha256().bytes());
        // Only ciphertext is on disk.
        var part = Files.readAllBytes(
                s.blobs().path(new BlobStore.Name(s.item().packageId(), s.item().id(), 1)));
        assertThat(indexOf(part, java.util.Arrays.copyOf(s.content(), 32))).isEqualTo(-1);
    }

    /**
     * Direct I/O writes whole blocks only: a part's last block is padded and the file cut back to its
     * length. Lengths on and around block and buffer boundaries, an empty item, and parts written one
     * way read back through a store of the other way (old items stay readable, and either can be the
     * fallback), with the same length on disk.
     */
    @Test
    void partsWrittenWithDirectIoAndThroughThePageCacheReadBackEitherWay() throws Exception {
        int mib = 1024 * 1024;
        // Tink's ciphertext of n bytes is n plus a header and a 16-byte tag per 1 MiB segment: these
        // plaintext lengths put the ciphertext's end on either side of 4 KiB and 1 MiB boundaries.
        int[] sizes = {0, 1, 4000, 4096, 4097, mib - 56, mib - 40, mib, 3 * mib + 17};
        for (boolean direct : new boolean[] {true, false}) {
            for (int size : sizes) {
                var root = dir.resolve("either-" + direct + "-" + size);
                var writing = direct ? new FileBlobStore(root) : FileBlobStore.throughPageCache(root);
                var s = store(writing, size, size);
                var reading = direct ? FileBlobStore.throughPageCache(root) : new FileBlobStore(root);
                var part = writing.path(
                        new BlobStore.Name(s.item().packageId(), s.item().id(), 1));
                try (InputStream in = new Vault(reading).open(s.item(), s.keys())) {
                    assertThat(in.readAllBytes())
                            .as("%d bytes, direct %s", size, direct)
                            .isEqualTo(s.content());
                }
                assertThat(new Vault(reading).readBack(s.item(), s.keys()).bytes())
                        .isEqualTo(size);
                // Nothing of the padding is left: the file is the ciphertext exactly (a zero after
                // the last segment would fail its tag).
                var associated = ("comity-evidence-part-v1:" + s.item().id() + ":1:0")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                try (var decrypted = s.keys().decrypting(Files.newInputStream(part), associated)) {
                    assertThat(decrypted.readAllBytes()).isEqualTo(s.content());
                }
            }
        }
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
        assertThatThrownBy(() -> vault.append(item, keys, new ByteArrayInputStream(new byte[11]), Vault.sha256()))
                .isInstanceOf(InvalidInput.class);
        assertThat(Files.exists(blobs.path(new BlobStore.Name(item.packageId(), item.id(), 1))))
                .isFalse();
    }

    @Test
    void aRequestLongerThanAPartIsStoredAsSeveralPartsThatComeBackWhole() throws Exception {
        int size = (int) Vault.PART_BYTES * 2 + 5;
        var s = store(size, size);
        assertThat(s.item().parts()).isEqualTo(3);
        try (InputStream in = s.vault().open(s.item(), s.keys())) {
            assertThat(in.readAllBytes()).isEqualTo(s.content());
        }
    }

    @Test
    void aBodyThatBreaksOffKeepsItsWholePartsOnly() throws Exception {
        var s = store(0);
        var content = new byte[(int) Vault.PART_BYTES + 1000];
        new Random(3).nextBytes(content);
        var item = Item.announce(
                UUID.randomUUID(),
                "image.dd",
                MediaType.OCTET_STREAM,
                new Origin("SW-2026-4", new Source.Examiner("Forensic lab"), T0),
                content.length * 2L,
                content.length * 2L,
                T0,
                "caseworker");
        var keys = ItemKeys.generate(item.id(), new FileKeySource(dir.resolve("keys/node-key.json")))
                .keys();
        var breaking = new java.io.SequenceInputStream(new ByteArrayInputStream(content), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        var appended = s.vault().append(item, keys, breaking, Vault.sha256());
        assertThat(appended.cut()).hasMessage("connection reset");
        assertThat(appended.parts()).isEqualTo(1);
        assertThat(appended.bytes()).isEqualTo(Vault.PART_BYTES);
        assertThat(appended.digest().digest())
                .isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(java.util.Arrays.copyOf(content, (int) Vault.PART_BYTES)));
        assertThat(Files.exists(s.blobs().path(new BlobStore.Name(item.packageId(), item.id(), 2))))
                .isFalse();
    }

    @Test
    void readingBackAfterACrashStopsBeforeATornPartAndRemovesWhatFollows() throws Exception {
        var s = store(3000, 1000, 1000, 1000);
        var received = s.item();
        var two = s.blobs().path(new BlobStore.Name(received.packageId(), received.id(), 2));
        var three = s.blobs().path(new BlobStore.Name(received.packageId(), received.id(), 3));
        try (var channel = FileChannel.open(three, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 1);
        }
        var back = s.vault().readBack(received, s.keys());
        assertThat(back.parts()).isEqualTo(2);
        assertThat(back.bytes()).isEqualTo(2000);
        assertThat(back.digest().digest())
                .isEqualTo(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(java.util.Arrays.copyOf(s.content(), 2000)));
        assertThat(Files.exists(three)).isFalse();

        flip(two, 40);
        var again = s.vault().readBack(received, s.keys());
        assertThat(again.parts()).isEqualTo(1);
        assertThat(again.bytes()).isEqualTo(1000);
        assertThat(Files.exists(two)).isFalse();
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
