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
 * temporary file, forced to disk and then renamed into place, so a crash leaves it whole or absent.
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
                channel.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
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

    /** Tink closes the stream it wrote to; the file is closed here, after it was forced to disk. */
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
