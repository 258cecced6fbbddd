package org.comity.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory where the node keeps what must survive a restart and stay out of the database: the
 * sandbox PostgreSQL cluster and the node's private keys. Only the node's OS user may read it.
 */
public record DataDirectory(Path root) {

    public DataDirectory {
        root = root.toAbsolutePath().normalize();
    }

    static DataDirectory open(Path path) {
        try {
            var directory = new DataDirectory(path);
            Files.createDirectories(directory.root());
            NodeConfiguration.restrictToOwner(directory.root());
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + path, e);
        }
    }

    /** A sub-directory for one module's files (such as {@code keys}), created owner-only on first use. */
    public Path resolve(String name) {
        if (!name.matches("[a-z][a-z0-9-]{0,40}")) {
            throw new IllegalArgumentException("data sub-directory names are lower-case words");
        }
        var directory = root.resolve(name);
        try {
            Files.createDirectories(directory);
            NodeConfiguration.restrictToOwner(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }
}
