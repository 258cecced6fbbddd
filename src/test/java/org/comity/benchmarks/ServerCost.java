package org.comity.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What a phase of a benchmark cost, in measures the machine's load does not change: WAL bytes written
 * by the server, CPU of the whole PostgreSQL server (postmaster, its live children, and the children
 * it has reaped) and CPU of this JVM. Take a {@link #snapshot} before and after, then {@link #minus}.
 * Only for a local server (it reads /proc).
 */
record ServerCost(long walBytes, long serverTicks, long jvmNanos) {

    static ServerCost snapshot(DataSource dataSource) throws SQLException, IOException {
        long wal;
        long postmaster;
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var r = s.executeQuery("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn, pg_backend_pid()")) {
            r.next();
            wal = r.getLong(1);
            // Read while the connection is open: its backend exits when it closes.
            postmaster = Long.parseLong(stat(r.getLong(2))[1]);
        }
        String[] own = stat(postmaster);
        // utime, stime, cutime, cstime: the reaped children's CPU is in the postmaster's cutime/cstime.
        long ticks =
                Long.parseLong(own[11]) + Long.parseLong(own[12]) + Long.parseLong(own[13]) + Long.parseLong(own[14]);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String[] f = stat(Long.parseLong(name));
                    if (Long.parseLong(f[1]) == postmaster) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // The process ended while we listed: its CPU is now in the postmaster's cutime.
                }
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return new ServerCost(wal, ticks, os.getProcessCpuTime());
    }

    ServerCost minus(ServerCost earlier) {
        return new ServerCost(
                walBytes - earlier.walBytes, serverTicks - earlier.serverTicks, jvmNanos - earlier.jvmNanos);
    }

    /** Per entry: WAL bytes, server CPU µs, JVM CPU µs. */
    String perEntry(long entries) {
        return String.format(
                "WAL %,d B, server CPU %.1f µs, JVM CPU %.1f µs per entry",
                walBytes / entries, serverTicks * 1e4 / entries, jvmNanos / 1e3 / entries);
    }

    double serverMicrosPerEntry(long entries) {
        return serverTicks * 1e4 / entries;
    }

    /** The fields of /proc/pid/stat after the command name: index 1 is the parent, 11.. the CPU times. */
    private static String[] stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
