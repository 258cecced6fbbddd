package org.comity.benchmarks;

import java.lang.management.ManagementFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What one phase of a load tool cost the database and the node, counted rather than timed so that the
 * figure does not depend on the machine's load: transactions committed, rows written, WAL records and
 * WAL fsyncs (PostgreSQL's cumulative statistics) and the node's CPU time (the tool's JVM hosts the node,
 * so its CPU includes the HTTP client's share). Take one snapshot before and one after, then divide the
 * difference by the operations done in between.
 */
record DatabaseCounters(long commits, long rowsWritten, long walRecords, long walSyncs, long cpuNanos) {

    /**
     * A snapshot. Other backends report their statistics when idle, at most once a second, so the
     * snapshot waits that long first: the phase's last transactions are then counted.
     */
    static DatabaseCounters take(JdbcClient jdbc) throws InterruptedException {
        Thread.sleep(1_500);
        jdbc.sql("SELECT pg_stat_clear_snapshot()").query().singleRow();
        var db = jdbc.sql("""
                        SELECT xact_commit, tup_inserted + tup_updated + tup_deleted AS written
                        FROM pg_stat_database WHERE datname = current_database()
                        """).query().singleRow();
        var wal = jdbc.sql("SELECT wal_records, wal_sync FROM pg_stat_wal")
                .query()
                .singleRow();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new DatabaseCounters(
                ((Number) db.get("xact_commit")).longValue(),
                ((Number) db.get("written")).longValue(),
                ((Number) wal.get("wal_records")).longValue(),
                ((Number) wal.get("wal_sync")).longValue(),
                cpu);
    }

    /**
     * Per operation between {@code before} and this snapshot. The snapshots' own queries (three
     * transactions, no writes) are subtracted from the commits.
     */
    String per(DatabaseCounters before, long operations, String what) {
        double n = Math.max(1, operations);
        return String.format(
                "COST per %s (%,d): %.2f commits, %.2f rows written, %.2f WAL records, %.3f WAL fsyncs,"
                        + " %.2f ms JVM CPU",
                what,
                operations,
                (commits - before.commits - 3) / n,
                (rowsWritten - before.rowsWritten) / n,
                (walRecords - before.walRecords) / n,
                (walSyncs - before.walSyncs) / n,
                (cpuNanos - before.cpuNanos) / 1e6 / n);
    }
}
