package org.comity.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of this JVM's CPU its JIT compiler threads took between two snapshots: a load tool's
 * warm-up goes on until that share is small, so its measured phase times compiled code (issue 18). A
 * share of CPU rather than compiler seconds per wall second: on a loaded machine everything takes
 * longer, but compilation thresholds count invocations, so the share falls as the code warms whatever
 * the load. Thread CPU is read from {@code /proc/self/task} (Linux clock ticks, 10 ms).
 */
record JitMeter(long jvmCpuNanos, long jitNanos) {

    static JitMeter now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long jitTicks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (var task : tasks.toList()) {
                try {
                    var line = Files.readString(task.resolve("stat"));
                    var comm = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                    if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                        var rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
                        jitTicks += Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
                    }
                } catch (java.io.IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (java.io.IOException e) {
            return new JitMeter(os.getProcessCpuTime(), 0);
        }
        return new JitMeter(os.getProcessCpuTime(), jitTicks * 10_000_000L);
    }

    /** The compilers' share of this JVM's CPU since {@code before}, 0 to 1. */
    double shareSince(JitMeter before) {
        long cpu = jvmCpuNanos - before.jvmCpuNanos;
        return cpu <= 0 ? 1 : Math.min(1, (double) (jitNanos - before.jitNanos) / cpu);
    }

    /** The share below which a warm-up ends. */
    static final double QUIET = 0.05;
}
