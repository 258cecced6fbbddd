package org.comity.evidence.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.comity.evidence.domain.BlobStore;
import org.comity.evidence.domain.Digest;
import org.comity.evidence.domain.Item;
import org.comity.evidence.domain.ItemKeys;
import org.comity.evidence.domain.MediaType;
import org.comity.evidence.domain.Origin;
import org.comity.evidence.domain.Source;
import org.comity.evidence.domain.Vault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transfer resuming late in an item reads the stored ciphertext only from there (counted through
 * the storage interface), gets exactly the item's bytes from that offset, and is still refused on any
 * change to what it reads or to the lengths it skips by.
 */
class VaultSeekTest {

    @TempDir
    Path dir;

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final int MIB = 1 << 20;

    /** The file store, counting the ciphertext bytes read from each part. */
    static final class Counting implements BlobStore {
        final FileBlobStore files;
        final ConcurrentHashMap<Integer, AtomicLong> read = new ConcurrentHashMap<>();

        Counting(FileBlobStore files) {
            this.files = files;
        }

        long readFrom(int part) {
            var n = read.get(part);
            return n == null ? 0 : n.get();
        }

        long total() {
            return read.values().stream().mapToLong(AtomicLong::get).sum();
        }

        @Override
        public void put(Name name, Writer writer) throws IOException {
            files.put(name, writer);
        }

        @Override
        public void force(UUID packageId, UUID itemId, int from, int to) throws IOException {
            files.force(packageId, itemId, from, to);
        }

        @Override
        public void delete(Name name) throws IOException {
            files.delete(name);
        }

        @Override
        public InputStream open(Name name) throws IOException {
            var counter = read.computeIfAbsent(name.part(), p -> new AtomicLong());
            return new java.io.FilterInputStream(files.open(name)) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        counter.incrementAndGet();
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        counter.addAndGet(n);
                    }
                    return n;
                }
            };
        }

        @Override
        public SeekableByteChannel channel(Name name) throws IOException {
            var counter = read.computeIfAbsent(name.part(), p -> new AtomicLong());
            var channel = files.channel(name);
            return new SeekableByteChannel() {
                @Override
                public int read(ByteBuffer dst) throws IOException {
                    int n = channel.read(dst);
                    if (n > 0) {
                        counter.addAndGet(n);
                    }
                    return n;
                }

                @Override
                public int write(ByteBuffer src) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long position() throws IOException {
                    return channel.position();
                }

                @Override
                public SeekableByteChannel position(long p) throws IOException {
                    channel.position(p);
                    return this;
                }

                @Override
                public long size() throws IOException {
                    return channel.size();
                }

                @Override
                public SeekableByteChannel truncate(long size) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean isOpen() {
                    return channel.isOpen();
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }

        @Override
        public long size(Name name) throws IOException {
            return files.size(name);
        }

        @Override
        public void deleteItem(UUID packageId, UUID itemId) throws IOException {
            files.deleteItem(packageId, itemId);
        }
    }

    record Stored(Item item, ItemKeys keys, byte[] content, Counting blobs, Vault vault) {}

    /** An item of three parts (three upload requests) of 3 MiB, 3 MiB and 3 MiB + 5 bytes. */
    Stored store() throws IOException {
        int[] parts = {3 * MIB, 3 * MIB, 3 * MIB + 5};
        int size = Arrays.stream(parts).sum();
        var content = new byte[size];
        new Random(23).nextBytes(content);
        var blobs = new Counting(new FileBlobStore(dir.resolve("blobs")));
        var vault = new Vault(blobs);
        var source = new FileKeySource(dir.resolve("keys/node-key.json"));
        var item = Item.announce(
                UUID.randomUUID(),
                "image.dd",
                MediaType.OCTET_STREAM,
                new Origin("SW-2026-9", new Source.Examiner("Forensic lab"), T0),
                size,
                size,
                T0,
                "caseworker");
        var keys = ItemKeys.generate(item.id(), source);
        var digest = Vault.sha256();
        int offset = 0;
        for (int part : parts) {
            var appended = vault.append(item, keys.keys(), new ByteArrayInputStream(content, offset, part), digest);
            digest = appended.digest();
            var whole = (java.security.MessageDigest) VaultTest.clone(digest);
            item = item.received(offset, appended.bytes(), appended.parts(), () -> Digest.of(whole.digest()));
            offset += part;
        }
        assertThat(item.parts()).isEqualTo(3);
        return new Stored(item, ItemKeys.unwrap(item.id(), keys.wrapped(), source), content, blobs, vault);
    }

    @Test
    void aResumeLateInTheItemReadsOnlyFromThereAndGetsTheSameBytes() throws Exception {
        var s = store();
        long from = 7L * MIB + 123; // in the third part, in its second segment
        byte[] rest;
        try (var in = s.vault().open(s.item(), s.keys(), from)) {
            rest = in.readAllBytes();
        }
        assertThat(rest).isEqualTo(Arrays.copyOfRange(s.content(), (int) from, s.content().length));
        assertThat(s.blobs().readFrom(1)).as("part 1 skipped").isZero();
        assertThat(s.blobs().readFrom(2)).as("part 2 skipped").isZero();
        // The third part is read from the segment holding the offset (plus its header): at most one
        // segment more than the bytes sent, against the whole item's 9 MiB that skipping read before.
        long sent = s.content().length - from;
        assertThat(s.blobs().total()).isGreaterThanOrEqualTo(sent).isLessThan(sent + MIB + 4096);

        // Together with the bytes before the offset (sent earlier), the item is byte-identical and its
        // SHA-256 is the one recorded.
        byte[] head;
        try (var in = s.vault().open(s.item(), s.keys())) {
            head = in.readNBytes((int) from);
        }
        var sha = Vault.sha256();
        sha.update(head);
        sha.update(rest);
        assertThat(Digest.of(sha.digest())).isEqualTo(s.item().sha256());
    }

    @Test
    void everyOffsetOnAndAroundTheBoundariesReadsTheRightBytes() throws Exception {
        var s = store();
        int size = s.content().length;
        long[] offsets = {0, 1, 3L * MIB - 1, 3L * MIB, 3L * MIB + 1, 6L * MIB, MIB - 56, MIB - 55, size - 1, size};
        for (long from : offsets) {
            try (var in = s.vault().open(s.item(), s.keys(), from)) {
                assertThat(in.readAllBytes())
                        .as("from %d", from)
                        .isEqualTo(Arrays.copyOfRange(s.content(), (int) from, size));
            }
        }
        assertThatThrownBy(() -> s.vault().open(s.item(), s.keys(), size + 1L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChangedByteAfterTheOffsetFails() throws Exception {
        var s = store();
        var third = s.blobs()
                .files
                .path(new BlobStore.Name(s.item().packageId(), s.item().id(), 3));
        try (var channel = FileChannel.open(third, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            var one = ByteBuffer.allocate(1);
            channel.read(one, 2L * MIB + 100);
            one.put(0, (byte) (one.get(0) ^ 1)).rewind();
            channel.write(one, 2L * MIB + 100);
        }
        assertThatThrownBy(() -> {
                    try (var in = s.vault().open(s.item(), s.keys(), 7L * MIB)) {
                        in.readAllBytes();
                    }
                })
                .isInstanceOf(IOException.class);
    }

    @Test
    void aSkippedPartOfAnotherLengthMakesTheSeekFailNotReadOtherBytes() throws Exception {
        var s = store();
        // Part 1 cut by one segment: the lengths skipped by no longer add up to the offset the third
        // part's associated data names, so it does not decrypt.
        var first = s.blobs()
                .files
                .path(new BlobStore.Name(s.item().packageId(), s.item().id(), 1));
        try (var channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - MIB);
        }
        assertThatThrownBy(() -> {
                    try (var in = s.vault().open(s.item(), s.keys(), 7L * MIB)) {
                        in.readAllBytes();
                    }
                })
                .isInstanceOf(IOException.class);
    }

    @Test
    void theSegmentLayoutGivesThePlaintextLengthOfRealCiphertexts() throws Exception {
        var source = new FileKeySource(dir.resolve("keys/node-key.json"));
        var keys = ItemKeys.generate(UUID.randomUUID(), source).keys();
        for (int n : new int[] {0, 1, MIB - 57, MIB - 56, MIB - 55, 2 * MIB - 72, 2 * MIB - 71, 3 * MIB + 5}) {
            var out = new java.io.ByteArrayOutputStream();
            try (OutputStream encrypting = keys.encrypting(out, new byte[] {1})) {
                encrypting.write(new byte[n]);
            }
            assertThat(ItemKeys.plaintextBytes(out.size())).as("%d bytes", n).isEqualTo(n);
        }
    }
}
