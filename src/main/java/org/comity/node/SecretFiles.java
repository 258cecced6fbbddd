package org.comity.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files that hold a private key: created owner-only (0600) from the first byte, with their whole
 * content or not at all, and never replaced. The transparency log key and the exchange keys are kept
 * this way, outside the database, so a database dump cannot sign anything.
 */
public final class SecretFiles {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {}

    /**
     * Writes {@code content} to {@code file} unless the file exists. The content goes to an owner-only
     * temporary file first, which is then linked to its name: another process sees either no file or
     * the whole key, never an empty or half-written one (a crash between creating and writing would
     * otherwise leave a key file the next start cannot read).
     *
     * @return true if this call created the file, false if it was there already (someone else's key
     *     wins; the caller reads it)
     */
    public static boolean createOwnerOnly(Path file, String content) {
        var target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Path temporary = temporaryFile(target);
            try {
                Files.writeString(temporary, content, StandardCharsets.US_ASCII);
                try {
                    // link(2) fails if the name exists: creation is exclusive, unlike rename(2).
                    Files.createLink(target, temporary);
                } catch (UnsupportedOperationException e) {
                    Files.move(temporary, target);
                }
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the key file " + target, e);
        }
    }

    /**
     * Reads a key file, refusing one that others than its owner may read or change: a key someone
     * else could have read may have signed anything.
     */
    public static String readOwnerOnly(Path file) {
        try {
            try {
                var loose = EnumSet.copyOf(OTHERS);
                loose.retainAll(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
                if (!loose.isEmpty()) {
                    throw new IllegalStateException("the key file " + file + " is accessible to others than its owner ("
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(file))
                            + "); restrict it to rw------- after checking nobody copied it");
                }
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: rely on the operator's ACLs.
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        }
    }

    private static Path temporaryFile(Path target) throws IOException {
        try {
            return Files.createTempFile(
                    target.getParent(),
                    "." + target.getFileName(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        }
    }
}
