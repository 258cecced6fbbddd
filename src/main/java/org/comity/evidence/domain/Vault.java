package org.comity.evidence.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.comity.shared.InvalidInput;
import org.jspecify.annotations.Nullable;

/**
 * Items in and out of the blob store, streamed: each upload request becomes one or more encrypted parts,
 * hashed as they stream through, never held whole in memory. A part's associated data names its item, its
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
     * The most plaintext one part holds. An upload request longer than this becomes several parts,
     * written one after the other and forced to disk together at the end of the request: the cost of
     * forcing is paid once per request, and a crash loses at most the parts not yet acknowledged.
     */
    public static final long PART_BYTES = 16L << 20;

    /**
     * What one upload request stored: its bytes, in how many parts, the hash of the item up to the last
     * whole part, and, if the body broke off, why (the whole parts before the break are kept).
     */
    public record Appended(
            long bytes,
            int parts,
            MessageDigest digest,
            @Nullable IOException cut) {}

    /**
     * Stores the bytes of {@code body} after the item's offset as parts of at most {@link #PART_BYTES},
     * at most the bytes the item still lacks, hashing them on the way after {@code digest} (left as it
     * was). Every part stored is forced to disk before this returns, so the offset it gives can be
     * acknowledged. A body longer than what the item lacks is refused and nothing of it is stored; a body
     * that breaks off keeps its whole parts.
     */
    public Appended append(Item item, ItemKeys keys, InputStream body, MessageDigest digest) throws IOException {
        int first = item.parts() + 1;
        int part = first;
        long start = item.receivedBytes();
        long room = item.sizeBytes() - start;
        long total = 0;
        var whole = clone(digest);
        IOException cut = null;
        try {
            while (true) {
                var next = clone(whole);
                long limit = Math.min(PART_BYTES, room - total);
                long n = appendPart(item, keys, body, next, part, start + total, limit, room == 0);
                if (n < 0) {
                    break;
                }
                whole = next;
                total += n;
                part++;
                if (total == room) {
                    if (body.read() >= 0) {
                        throw InvalidInput.of("body", "upload-length", "more bytes than the upload's declared length");
                    }
                    break;
                }
                if (n < limit) {
                    break;
                }
            }
        } catch (InvalidInput tooLong) {
            for (int p = first; p < part; p++) {
                blobs.delete(new BlobStore.Name(item.packageId(), item.id(), p));
            }
            throw tooLong;
        } catch (IOException e) {
            cut = e;
        }
        if (part > first) {
            blobs.force(item.packageId(), item.id(), first, part - 1);
        }
        return new Appended(total, part - first, whole, cut);
    }

    /**
     * Writes one part of at most {@code limit} bytes; {@code -1} if the body had none left (no part is
     * then written, unless {@code empty} asks for the one empty part of an item of no bytes).
     */
    private long appendPart(
            Item item,
            ItemKeys keys,
            InputStream body,
            MessageDigest digest,
            int part,
            long offset,
            long limit,
            boolean empty)
            throws IOException {
        var hashing = new Hashing(digest);
        try {
            var firstBuffer = hashing.free();
            int firstBytes = body.readNBytes(firstBuffer, 0, (int) Math.min(firstBuffer.length, limit));
            if (firstBytes == 0 && !empty) {
                return -1;
            }
            long[] written = {0};
            blobs.put(new BlobStore.Name(item.packageId(), item.id(), part), out -> {
                try (OutputStream encrypted = keys.encrypting(out, associatedData(item, part, offset))) {
                    var buffer = firstBuffer;
                    int n = firstBytes;
                    while (n > 0) {
                        hashing.hash(buffer, n);
                        encrypted.write(buffer, 0, n);
                        written[0] += n;
                        if (written[0] == limit) {
                            break;
                        }
                        buffer = hashing.free();
                        n = body.readNBytes(buffer, 0, (int) Math.min(buffer.length, limit - written[0]));
                    }
                }
            });
            return written[0];
        } finally {
            hashing.finish();
        }
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 can be cloned", e);
        }
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

    /**
     * What of an item's upload under way reads back whole, part after part: for resuming after the node
     * restarted. It stops at the first part that is missing, cut or does not decrypt (a crash between
     * writing and forcing it); the parts from there on are removed, and the caller trims the item's
     * recorded progress to what this returns.
     */
    public ReadBack readBack(Item item, ItemKeys keys) throws IOException {
        var digest = sha256();
        long offset = 0;
        var buffer = new byte[BUFFER];
        int part = 1;
        for (; part <= item.parts(); part++) {
            var name = new BlobStore.Name(item.packageId(), item.id(), part);
            var trial = clone(digest);
            long bytes = 0;
            try (var in = keys.decrypting(blobs.open(name), associatedData(item, part, offset))) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    trial.update(buffer, 0, n);
                    bytes += n;
                }
            } catch (IOException | RuntimeException torn) {
                break;
            }
            if (offset + bytes > item.receivedBytes()) {
                break;
            }
            digest = trial;
            offset += bytes;
        }
        int whole = part - 1;
        for (int p = whole + 1; p <= item.parts(); p++) {
            blobs.delete(new BlobStore.Name(item.packageId(), item.id(), p));
        }
        return new ReadBack(digest, offset, whole);
    }

    /** The hash of the whole parts an upload holds, their bytes and their number. */
    public record ReadBack(MessageDigest digest, long bytes, int parts) {}

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
