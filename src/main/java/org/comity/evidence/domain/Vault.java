package org.comity.evidence.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.comity.shared.InvalidInput;

/**
 * Items in and out of the blob store, streamed: each upload request becomes one encrypted part, hashed
 * as it streams through, never held whole in memory. A part's associated data names its item, its
 * number and the offset it starts at, so parts cannot be swapped, reordered or moved to another item
 * without the read failing.
 */
public final class Vault {

    /**
     * The size of each of the four buffers the bytes pass through (hashed on one thread while the next
     * is encrypted on another): with Tink's 1 MiB segment, what an upload holds in memory.
     */
    static final int BUFFER = 256 * 1024;

    private final BlobStore blobs;

    public Vault(BlobStore blobs) {
        this.blobs = blobs;
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static byte[] associatedData(Item item, int part, long offset) {
        return ("comity-evidence-part-v1:" + item.id() + ":" + part + ":" + offset).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Stores the next part of an item from {@code body}, at most the bytes the item still lacks, and
     * feeds them to {@code digest}. A body longer than that is refused and nothing is stored.
     *
     * @return how many bytes the part holds
     */
    public long appendPart(Item item, ItemKeys keys, InputStream body, MessageDigest digest) throws IOException {
        int part = item.parts() + 1;
        long offset = item.receivedBytes();
        long room = item.sizeBytes() - offset;
        long[] written = {0};
        blobs.put(new BlobStore.Name(item.packageId(), item.id(), part), out -> {
            var hashing = new Hashing(digest);
            try (OutputStream encrypted = keys.encrypting(out, associatedData(item, part, offset))) {
                while (true) {
                    var buffer = hashing.free();
                    int n = body.readNBytes(buffer, 0, buffer.length);
                    if (n == 0) {
                        break;
                    }
                    if (written[0] + n > room) {
                        throw InvalidInput.of("body", "upload-length", "more bytes than the upload's declared length");
                    }
                    hashing.hash(buffer, n);
                    encrypted.write(buffer, 0, n);
                    written[0] += n;
                }
            } finally {
                hashing.finish();
            }
        });
        return written[0];
    }

    /**
     * Hashes on another thread what this one encrypts: a ring of buffers, each hashed in order while
     * the next is read and encrypted, and refilled only once its hash is done. On two cores SHA-256 and
     * AES-GCM then run side by side instead of one after the other.
     */
    private static final class Hashing {
        private static final int BUFFERS = 4;
        private static final java.util.concurrent.Executor THREADS =
                java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

        private final MessageDigest digest;
        private final byte[][] buffers = new byte[BUFFERS][BUFFER];

        @SuppressWarnings("unchecked")
        private final java.util.concurrent.CompletableFuture<Void>[] done =
                new java.util.concurrent.CompletableFuture[BUFFERS];

        private java.util.concurrent.CompletableFuture<Void> last =
                java.util.concurrent.CompletableFuture.completedFuture(null);
        private int next;

        Hashing(MessageDigest digest) {
            this.digest = digest;
        }

        /** The next buffer, once the hash of what it held before is done. */
        byte[] free() {
            if (done[next] != null) {
                done[next].join();
            }
            return buffers[next];
        }

        /** Hashes the first {@code n} bytes of the buffer {@link #free} gave, after those before it. */
        void hash(byte[] buffer, int n) {
            last = last.thenRunAsync(() -> digest.update(buffer, 0, n), THREADS);
            done[next] = last;
            next = (next + 1) % BUFFERS;
        }

        /** Waits for every hash started, so the digest is whole (or no longer touched) when this returns. */
        void finish() {
            try {
                last.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IllegalStateException("hashing failed", e.getCause());
            }
        }
    }

    /** The item's plaintext, decrypted part after part as it is read. */
    public InputStream open(Item item, ItemKeys keys) {
        return new PartsStream(item, keys);
    }

    /** Hashes what has arrived of an item so far: for resuming an upload after the node restarted. */
    public MessageDigest digestSoFar(Item item, ItemKeys keys) throws IOException {
        var digest = sha256();
        try (var in = open(item, keys)) {
            var buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return digest;
    }

    public void delete(Item item) throws IOException {
        blobs.deleteItem(item.packageId(), item.id());
    }

    /** Concatenates the decrypted parts; fails if their total is not what the item says it holds. */
    private final class PartsStream extends InputStream {
        private final Item item;
        private final ItemKeys keys;
        private int part;
        private long offset;
        private InputStream current;

        PartsStream(Item item, ItemKeys keys) {
            this.item = item;
            this.keys = keys;
        }

        private boolean advance() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
            if (part == item.parts()) {
                if (offset != item.receivedBytes()) {
                    throw new IOException("the stored parts hold " + offset + " bytes, not " + item.receivedBytes());
                }
                return false;
            }
            part++;
            current = keys.decrypting(
                    blobs.open(new BlobStore.Name(item.packageId(), item.id(), part)),
                    associatedData(item, part, offset));
            return true;
        }

        @Override
        public int read() throws IOException {
            var one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int from, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (true) {
                if (current == null && !advance()) {
                    return -1;
                }
                int n = current.read(buffer, from, length);
                if (n > 0) {
                    offset += n;
                    if (offset > item.receivedBytes()) {
                        throw new IOException("the stored parts hold more bytes than the item");
                    }
                    return n;
                }
                if (n < 0 && !advance()) {
                    return -1;
                }
            }
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
            }
        }
    }
}
