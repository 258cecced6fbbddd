package org.comity.evidence.persistence;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.comity.evidence.domain.BlobStore;
import org.jspecify.annotations.Nullable;

/**
 * Ciphertext parts as files, {@code <root>/<package>/<item>/<part>.tink}. A part is written to a
 * temporary file and renamed into place, so it is never seen half-written; the parts of one upload
 * request are forced to disk together, with their directory, before the request is acknowledged. A
 * crash before that may leave them torn or missing, which reading back after a restart finds.
 *
 * <p>Parts are written with direct I/O ({@code O_DIRECT}) where the file system allows it, from a
 * pair of aligned 1 MiB buffers: one is filled by the encrypting thread while a writer thread writes
 * the other. Through the page cache, copying the ciphertext into freshly allocated cache pages was
 * most of ingest's cost ({@code perf}: {@code copy_folio_from_iter_atomic}, 62 % of a write-only
 * run; 1.3–3.1 ms of CPU per MiB on this project's virtual machines, against 0.2–0.4 ms direct), and
 * every byte then had to be written back again when forced. The bytes on disk are the same either
 * way, so parts written one way read back the other. Where direct I/O is refused (tmpfs, some network
 * file systems) parts go through the page cache as before.
 */
public final class FileBlobStore implements BlobStore {

    /** The size of each of the two buffers a part is written from: Tink's ciphertext segment. */
    static final int BUFFER = 1 << 20;

    /** Buffers kept for the next parts, so memory stays flat and is not allocated afresh per part. */
    private static final int SPARE_BUFFERS = 8;

    private static final Executor WRITERS = Executors.newVirtualThreadPerTaskExecutor();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FileBlobStore.class);

    private final Path root;
    private final BlockingQueue<ByteBuffer> spare = new ArrayBlockingQueue<>(SPARE_BUFFERS);

    /** Whether to try direct I/O; cleared once the file system refused it. */
    private volatile boolean direct;

    /** The file system's block size, which direct I/O's buffers, offsets and lengths must be multiples of. */
    private volatile int alignment;

    /** Parts written with direct I/O where the file system allows it. */
    public FileBlobStore(Path root) {
        this(root, true);
    }

    private FileBlobStore(Path root, boolean direct) {
        this.root = root;
        this.direct = direct;
    }

    /** Parts written through the page cache only: the way before direct I/O, kept as the fallback. */
    public static FileBlobStore throughPageCache(Path root) {
        return new FileBlobStore(root, false);
    }

    /** Whether the next part is written with direct I/O. */
    public boolean direct() {
        return direct;
    }

    private Path directory(UUID packageId, UUID itemId) {
        return root.resolve(packageId.toString()).resolve(itemId.toString());
    }

    public Path path(Name name) {
        return directory(name.packageId(), name.itemId()).resolve("%06d.tink".formatted(name.part()));
    }

    @Override
    public void put(Name name, Writer writer) throws IOException {
        var target = path(name);
        Files.createDirectories(target.getParent());
        var temporary = Files.createTempFile(target.getParent(), ".part", ".tmp");
        try {
            var channel = direct ? openDirect(temporary) : null;
            if (channel != null) {
                try (channel) {
                    var out = new DirectOutput(channel, alignment);
                    try {
                        writer.writeTo(out);
                        out.finish();
                    } finally {
                        out.release();
                    }
                }
            } else {
                try (var plain = FileChannel.open(temporary, StandardOpenOption.WRITE);
                        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(plain), 256 * 1024)) {
                    writer.writeTo(new NotClosing(out));
                    out.flush();
                }
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The file opened for direct I/O, or null (and direct I/O off from now on) if that is refused. */
    private @Nullable FileChannel openDirect(Path file) {
        try {
            if (alignment == 0) {
                alignment = (int) Files.getFileStore(file).getBlockSize();
            }
            if (alignment <= 0 || BUFFER % alignment != 0) {
                return refused("its block size is " + alignment);
            }
            return FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException refused) {
            return refused(refused.toString());
        }
    }

    /** Direct I/O off from now on, said once in the log: the operator may want to know why ingest is slower. */
    private @Nullable FileChannel refused(String why) {
        direct = false;
        LOG.info("Evidence parts under {} go through the page cache: direct I/O is refused ({})", root, why);
        return null;
    }

    private ByteBuffer take(int alignment) {
        var buffer = spare.poll();
        if (buffer == null || buffer.alignmentOffset(0, alignment) != 0) {
            buffer = ByteBuffer.allocateDirect(BUFFER + alignment)
                    .alignedSlice(alignment)
                    .limit(BUFFER)
                    .slice();
        }
        return buffer.clear();
    }

    @Override
    public void force(UUID packageId, UUID itemId, int from, int to) throws IOException {
        for (int part = from; part <= to; part++) {
            try (var channel = FileChannel.open(path(new Name(packageId, itemId, part)), StandardOpenOption.WRITE)) {
                channel.force(false);
            }
        }
        // The renames are durable only once the directory is; not every platform can force one.
        try (var directory = FileChannel.open(directory(packageId, itemId), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            // Reading back after a restart still finds a part whose rename was lost.
        }
    }

    @Override
    public void delete(Name name) throws IOException {
        Files.deleteIfExists(path(name));
    }

    @Override
    public InputStream open(Name name) throws IOException {
        return Files.newInputStream(path(name));
    }

    @Override
    public void deleteItem(UUID packageId, UUID itemId) throws IOException {
        var directory = directory(packageId, itemId);
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            for (var file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Bytes gathered into aligned buffers and written with direct I/O on a writer thread, one buffer
     * being written while the other fills, so encrypting and writing run side by side. Direct I/O
     * writes whole blocks only: the last one is padded with zeros and the file cut back to its
     * length. Closing it (as Tink does) writes nothing; {@link #finish} does, and the channel is
     * closed by the caller once every write is done.
     */
    private final class DirectOutput extends OutputStream {
        private final FileChannel channel;
        private final int alignment;
        private final ByteBuffer[] buffers;
        private int filling;
        private long length;
        private CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);

        DirectOutput(FileChannel channel, int alignment) {
            this.channel = channel;
            this.alignment = alignment;
            this.buffers = new ByteBuffer[] {take(alignment), take(alignment)};
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int from, int count) throws IOException {
            java.util.Objects.checkFromIndexSize(from, count, bytes.length);
            while (count > 0) {
                var buffer = buffers[filling];
                int n = Math.min(count, buffer.remaining());
                buffer.put(bytes, from, n);
                from += n;
                count -= n;
                length += n;
                if (!buffer.hasRemaining()) {
                    hand(buffer.flip());
                }
            }
        }

        /** Hands a full buffer to the writer once the one before is written, and fills the other. */
        private void hand(ByteBuffer full) throws IOException {
            await();
            writing = CompletableFuture.runAsync(() -> writeFully(full), WRITERS);
            filling ^= 1;
            buffers[filling].clear();
        }

        private void writeFully(ByteBuffer buffer) {
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void await() throws IOException {
            try {
                writing.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException io) {
                    throw io.getCause();
                }
                throw e;
            }
        }

        /** Writes what is left, padded to a whole block, and cuts the file back to what was written. */
        void finish() throws IOException {
            await();
            var last = buffers[filling];
            if (last.position() > 0) {
                int padded = (last.position() + alignment - 1) / alignment * alignment;
                while (last.position() < padded) {
                    last.put((byte) 0);
                }
                writeFully(last.flip());
                channel.truncate(length);
            }
        }

        @Override
        public void close() {
            // Tink closes its output when it is done; the part is finished and closed by put.
        }

        /** Waits for a write under way (even after a failure), then keeps the buffers for later parts. */
        void release() {
            try {
                writing.join();
            } catch (CompletionException ignored) {
                // put reports the failure that ended the part; the buffers are free either way
            }
            for (var buffer : buffers) {
                spare.offer(buffer);
            }
        }
    }

    /** Tink closes the stream it wrote to; the file is closed here, after it was flushed. */
    private static final class NotClosing extends java.io.FilterOutputStream {
        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
