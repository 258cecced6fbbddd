package org.comity.evidence.persistence;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import org.comity.evidence.domain.BlobStore;

/**
 * Ciphertext parts as files, {@code <root>/<package>/<item>/<part>.tink}. A part is written to a
 * temporary file and renamed into place, so it is never seen half-written; the parts of one upload
 * request are forced to disk together, with their directory, before the request is acknowledged. A
 * crash before that may leave them torn or missing, which reading back after a restart finds.
 */
public final class FileBlobStore implements BlobStore {

    private final Path root;

    public FileBlobStore(Path root) {
        this.root = root;
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
            try (var channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 256 * 1024)) {
                writer.writeTo(new NotClosing(out));
                out.flush();
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
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
