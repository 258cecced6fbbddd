package org.comity.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Attributes a load tool's slow requests instead of guessing at them (issue 18): while a phase runs it
 * keeps each request's due, start and end time, and beside them what else happened at that moment —
 * the JVM's stop-the-world pauses and JIT compilations (JFR, in this process), the connection pool's
 * waiting threads (Hikari), what PostgreSQL's client backends were waiting on ({@code pg_stat_activity}
 * through a connection of its own, every 20 ms), and CPU: this JVM's, PostgreSQL's processes' and the
 * whole machine's ({@code /proc/stat}), so another tenant's share of the 2 cores shows as such. At the
 * end it prints, for the slowest 1 % of requests, how many overlapped each of those, and a timeline of
 * 100 ms windows around them.
 *
 * <p>What the recorder itself costs (a sampler thread waking every 5 ms, a 20 ms query on PostgreSQL,
 * JFR with a few event types) is paid in the measured phase too; it is small beside a create (the
 * sampler's CPU is printed) but it is not zero, so phases compared with each other should both run
 * with it or both without.
 */
final class TailRecorder implements AutoCloseable {

    /** One request: nanoTime when due (open loop) or sent (closed loop), when sent, when answered. */
    record Call(String kind, long due, long sent, long done) {
        long latency() {
            return done - due;
        }
    }

    /** One sample of the sampler thread. */
    private record Sample(
            long at, int poolActive, int poolWaiting, long jvmCpu, long machineBusy, long machineTotal, long pgCpu) {}

    /** One look at PostgreSQL's client backends: how many run, and how many wait on each kind of thing. */
    private record PgSample(long at, int active, Map<String, Integer> waits) {}

    private record Span(String what, long start, long end) {}

    private static final long WINDOW = 100_000_000L;

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final List<Sample> samples = new ArrayList<>();
    private final List<PgSample> pg = new ArrayList<>();
    private final HikariDataSource pool;
    private final String jdbcUrl;
    private final Recording recording;
    private final long postmaster;
    private final Thread sampler;
    private final Thread pgSampler;
    private final long epochNanos;
    private final Instant epoch;
    private final long startNanos;
    private volatile boolean running = true;
    private volatile long samplerCpu;

    private TailRecorder(ConfigurableApplicationContext node, String jdbcUrl) throws Exception {
        var dataSource = node.getBean(DataSource.class);
        this.pool = dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
        this.jdbcUrl = jdbcUrl;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                var rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.postmaster = parentOf(rs.getInt(1));
        }
        recording = new Recording();
        recording.enable("jdk.GCPhasePause").withThreshold(Duration.ZERO);
        recording.enable("jdk.Compilation").withThreshold(Duration.ofMillis(1));
        recording.enable("jdk.SafepointBegin").withThreshold(Duration.ZERO);
        recording.enable("jdk.SafepointEnd").withThreshold(Duration.ZERO);
        recording.setToDisk(true);
        recording.start();
        epoch = Instant.now();
        epochNanos = System.nanoTime();
        startNanos = epochNanos;
        sampler = Thread.ofPlatform().name("tail-sampler").daemon().unstarted(this::sample);
        pgSampler = Thread.ofPlatform().name("tail-pg-sampler").daemon().unstarted(this::samplePostgres);
        sampler.start();
        pgSampler.start();
    }

    /** Starts recording; {@code jdbcUrl} reaches the node's database as the superuser. */
    static TailRecorder start(ConfigurableApplicationContext node, String jdbcUrl) throws Exception {
        return new TailRecorder(node, jdbcUrl);
    }

    void add(String kind, long due, long sent, long done) {
        calls.add(new Call(kind, due, sent, done));
    }

    private void sample() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().threadId();
        List<Long> pgPids = List.of();
        long lastPids = 0;
        while (running) {
            long now = System.nanoTime();
            if (now - lastPids > 1_000_000_000L) {
                pgPids = children(postmaster);
                lastPids = now;
            }
            long[] machine = machine();
            long pgTicks = 0;
            for (long pid : pgPids) {
                pgTicks += ticks(pid);
            }
            int active = pool == null ? -1 : pool.getHikariPoolMXBean().getActiveConnections();
            int waiting = pool == null ? -1 : pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
            synchronized (samples) {
                samples.add(new Sample(now, active, waiting, os.getProcessCpuTime(), machine[0], machine[1], pgTicks));
            }
            samplerCpu = threads.getThreadCpuTime(self);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void samplePostgres() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                var statement = c.prepareStatement("""
                        SELECT state, coalesce(wait_event_type || ':' || wait_event, '') FROM pg_stat_activity
                        WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
                        """)) {
            c.setAutoCommit(true);
            while (running) {
                long now = System.nanoTime();
                int active = 0;
                var waits = new TreeMap<String, Integer>();
                try (var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String state = rs.getString(1);
                        String wait = rs.getString(2);
                        boolean running = "active".equals(state);
                        if (running) {
                            active++;
                        }
                        // Idle backends wait on the client (ClientRead): only a wait inside a transaction
                        // or a statement says anything about a request.
                        if (!wait.isEmpty() && (running || "idle in transaction".equals(state))) {
                            waits.merge(running ? wait : "in-transaction " + wait, 1, Integer::sum);
                        }
                    }
                }
                synchronized (pg) {
                    pg.add(new PgSample(now, active, waits));
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.out.println("tail recorder: PostgreSQL sampler stopped: " + e);
        }
    }

    /** [busy, total] jiffies of the whole machine. */
    private static long[] machine() {
        try {
            var line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            var f = line.trim().split("\\s+");
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq + steal;
            return new long[] {busy, busy + idle + iowait};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    private static long ticks(long pid) {
        try {
            var line = Files.readString(Path.of("/proc/" + pid + "/stat"));
            var rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
        } catch (Exception gone) {
            return 0;
        }
    }

    private static long parentOf(long pid) throws Exception {
        var line = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Long.parseLong(line.substring(line.lastIndexOf(')') + 2).split(" ")[1]);
    }

    private static List<Long> children(long parent) {
        var pids = new ArrayList<Long>();
        pids.add(parent);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (var dir : procs.toList()) {
                var name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (parentOf(Long.parseLong(name)) == parent) {
                        pids.add(Long.parseLong(name));
                    }
                } catch (Exception gone) {
                    // exited between the listing and the read
                }
            }
        } catch (Exception e) {
            // no /proc: no PostgreSQL CPU
        }
        return pids;
    }

    private long nanosOf(Instant at) {
        return epochNanos + Duration.between(epoch, at).toNanos();
    }

    /** Stops recording and prints the attribution of the slowest 1 % of {@code label}'s calls. */
    void report(String label) throws Exception {
        // A sample after the phase's last answer, so its CPU figures have a sample on each side.
        Thread.sleep(30);
        running = false;
        sampler.interrupt();
        sampler.join();
        pgSampler.join(1_000);
        recording.stop();
        var file = Files.createTempFile("tails", ".jfr");
        recording.dump(file);
        recording.close();
        var pauses = new ArrayList<Span>();
        var compilations = new ArrayList<Span>();
        var safepoints = new ArrayList<Span>();
        Map<Long, Long> safepointStarts = new java.util.HashMap<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            long start = nanosOf(e.getStartTime());
            long end = nanosOf(e.getEndTime());
            switch (e.getEventType().getName()) {
                case "jdk.GCPhasePause" -> pauses.add(new Span(e.getString("name"), start, end));
                case "jdk.Compilation" ->
                    compilations.add(new Span(
                            (e.getBoolean("isOsr") ? "OSR " : "") + "tier " + e.getValue("compileLevel") + " "
                                    + e.getValue("method.type.name") + "." + e.getValue("method.name"),
                            start,
                            end));
                case "jdk.SafepointBegin" -> safepointStarts.put(e.getLong("safepointId"), start);
                case "jdk.SafepointEnd" -> {
                    Long begun = safepointStarts.remove(e.getLong("safepointId"));
                    if (begun != null) {
                        safepoints.add(new Span("safepoint", begun, end));
                    }
                }
                default -> {}
            }
        }
        Files.deleteIfExists(file);
        List<Sample> s;
        synchronized (samples) {
            s = List.copyOf(samples);
        }
        List<PgSample> p;
        synchronized (pg) {
            p = List.copyOf(pg);
        }
        var all = new ArrayList<>(calls);
        if (all.isEmpty()) {
            System.out.println("tail recorder: no calls");
            return;
        }
        all.sort(Comparator.comparingLong(Call::latency));
        int slowCount = Math.max(1, all.size() / 100);
        var slow = all.subList(all.size() - slowCount, all.size());
        long first = all.stream().mapToLong(Call::due).min().orElseThrow();
        long last = all.stream().mapToLong(Call::done).max().orElseThrow();

        System.out.printf(
                "TAIL %s: %d calls over %.1f s; the slowest %d (>= %.1f ms, from due to answer):%n",
                label,
                all.size(),
                (last - first) / 1e9,
                slowCount,
                slow.getFirst().latency() / 1e6);
        long pauseTotal = overlap(pauses, first, last);
        long safepointTotal = overlap(safepoints, first, last);
        System.out.printf(
                "  whole phase: GC pauses %d, %.1f ms in all, longest %.1f ms; safepoints %d, %.1f ms in all,"
                        + " longest %.1f ms; compilations >= 1 ms: %d, %.0f ms of compiler time%n",
                count(pauses, first, last),
                pauseTotal / 1e6,
                longest(pauses, first, last) / 1e6,
                count(safepoints, first, last),
                safepointTotal / 1e6,
                longest(safepoints, first, last) / 1e6,
                count(compilations, first, last),
                overlap(compilations, first, last) / 1e6);
        int sentLate = 0;
        int inPause = 0;
        int poolWait = 0;
        int pgLock = 0;
        int pgWal = 0;
        int compiling = 0;
        long pausedNanos = 0;
        var pgWaitsSlow = new TreeMap<String, Integer>();
        for (var c : slow) {
            if (c.sent() - c.due() > (c.done() - c.due()) / 2) {
                sentLate++;
            }
            long paused = overlap(pauses, c.due(), c.done());
            pausedNanos += paused;
            if (paused > 0) {
                inPause++;
            }
            if (s.stream().anyMatch(x -> x.at() >= c.sent() && x.at() <= c.done() && x.poolWaiting() > 0)) {
                poolWait++;
            }
            if (count(compilations, c.sent(), c.done()) > 0) {
                compiling++;
            }
            boolean lock = false;
            boolean wal = false;
            for (var x : p) {
                if (x.at() >= c.sent() && x.at() <= c.done()) {
                    for (var w : x.waits().entrySet()) {
                        pgWaitsSlow.merge(w.getKey(), w.getValue(), Integer::sum);
                        lock |= w.getKey().startsWith("Lock:");
                        wal |= w.getKey().contains("WAL");
                    }
                }
            }
            if (lock) {
                pgLock++;
            }
            if (wal) {
                pgWal++;
            }
        }
        System.out.printf(
                "  of the slowest: %d sent late by the client (more than half the latency before the send),"
                        + " %d overlapped a GC pause (%.1f ms of pause per slow call on average),"
                        + " %d saw threads waiting for a pool connection, %d overlapped a compilation >= 1 ms,"
                        + " %d saw a backend waiting on a lock, %d on WAL%n",
                sentLate, inPause, pausedNanos / 1e6 / slowCount, poolWait, compiling, pgLock, pgWal);
        System.out.println("  PostgreSQL waits seen during the slowest calls (samples x backends): " + pgWaitsSlow);
        var pgWaitsAll = new TreeMap<String, Integer>();
        p.stream()
                .filter(x -> x.at() >= first && x.at() <= last)
                .forEach(x -> x.waits().forEach((k, v) -> pgWaitsAll.merge(k, v, Integer::sum)));
        System.out.println("  PostgreSQL waits over the whole phase (samples x backends): " + pgWaitsAll);
        long phaseCpu = cpuBetween(s, first, last, Sample::jvmCpu);
        double phaseSeconds = (last - first) / 1e9;
        System.out.printf(
                "  CPU over the phase, in cores: this JVM %.2f, PostgreSQL %.2f, whole machine %.2f of %d"
                        + " (the rest is other processes); recorder's sampler thread %.0f ms%n",
                phaseCpu / 1e9 / phaseSeconds,
                pgCoresBetween(s, first, last),
                machineCoresBetween(s, first, last),
                Runtime.getRuntime().availableProcessors(),
                samplerCpu / 1e6);

        // The timeline: 100 ms windows; those where a slow call was due or running are printed.
        System.out.println("  windows of 100 ms holding a slow call (t from the phase's first due time):");
        System.out.println(
                "    t(s)   due  done  p99(ms) max(ms)  in-flight  pool act/wait  pause(ms)  comp  JVM  PG  machine"
                        + "  pg waits");
        int printed = 0;
        for (long w = first - first % WINDOW; w < last && printed < 40; w += WINDOW) {
            long from = w;
            long to = w + WINDOW;
            if (slow.stream().noneMatch(c -> c.due() < to && c.done() > from)) {
                continue;
            }
            printed++;
            var due = all.stream().filter(c -> c.due() >= from && c.due() < to).toList();
            long done =
                    all.stream().filter(c -> c.done() >= from && c.done() < to).count();
            long inFlight =
                    all.stream().filter(c -> c.due() < to && c.done() > to).count();
            long[] lat = due.stream().mapToLong(Call::latency).sorted().toArray();
            int maxActive = s.stream()
                    .filter(x -> x.at() >= from && x.at() < to)
                    .mapToInt(Sample::poolActive)
                    .max()
                    .orElse(-1);
            int maxWaiting = s.stream()
                    .filter(x -> x.at() >= from && x.at() < to)
                    .mapToInt(Sample::poolWaiting)
                    .max()
                    .orElse(-1);
            var waits = new TreeMap<String, Integer>();
            p.stream()
                    .filter(x -> x.at() >= from && x.at() < to)
                    .forEach(x -> x.waits().forEach((k, v) -> waits.merge(k, v, Integer::sum)));
            System.out.printf(
                    "    %5.1f  %4d  %4d  %7.1f %7.1f  %9d  %4d/%-8d %9.1f  %4d %4.2f %4.2f %7.2f  %s%n",
                    (from - first) / 1e9,
                    due.size(),
                    done,
                    lat.length == 0 ? 0 : lat[Math.min(lat.length - 1, (int) Math.ceil(0.99 * lat.length) - 1)] / 1e6,
                    lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6,
                    inFlight,
                    maxActive,
                    maxWaiting,
                    overlap(pauses, from, to) / 1e6,
                    count(compilations, from, to),
                    cpuBetween(s, from, to, Sample::jvmCpu) / (double) WINDOW,
                    pgCoresBetween(s, from, to),
                    machineCoresBetween(s, from, to),
                    waits);
        }
        var longCompilations = compilations.stream()
                .filter(x -> x.end() > first && x.start() < last)
                .sorted(Comparator.comparingLong(x -> x.start() - x.end()))
                .limit(5)
                .toList();
        for (var x : longCompilations) {
            System.out.printf(
                    "  long compilation at %.2f s: %.0f ms %s%n",
                    (x.start() - first) / 1e9, (x.end() - x.start()) / 1e6, x.what());
        }
    }

    private static long overlap(List<Span> spans, long from, long to) {
        long total = 0;
        for (var x : spans) {
            long a = Math.max(from, x.start());
            long b = Math.min(to, x.end());
            if (b > a) {
                total += b - a;
            }
        }
        return total;
    }

    private static long count(List<Span> spans, long from, long to) {
        return spans.stream().filter(x -> x.end() > from && x.start() < to).count();
    }

    private static long longest(List<Span> spans, long from, long to) {
        return spans.stream()
                .filter(x -> x.end() > from && x.start() < to)
                .mapToLong(x -> x.end() - x.start())
                .max()
                .orElse(0);
    }

    private static long cpuBetween(
            List<Sample> s, long from, long to, java.util.function.ToLongFunction<Sample> counter) {
        // The last sample at or before the window and the first at or after it: the span covers the
        // window, so scaling down to it never multiplies a 10 ms clock tick into several cores (a span
        // inside the window did, when a stalled sampler left few samples).
        Sample a = null;
        Sample b = null;
        for (var x : s) {
            if (x.at() <= from) {
                a = x;
            }
            if (x.at() >= to && b == null) {
                b = x;
            }
        }
        if (a == null || b == null || b.at() <= a.at()) {
            return 0;
        }
        return (long) ((counter.applyAsLong(b) - counter.applyAsLong(a)) * (double) (to - from) / (b.at() - a.at()));
    }

    /** PostgreSQL's processes' CPU in cores (clock ticks of 10 ms: coarse within 100 ms). */
    private static double pgCoresBetween(List<Sample> s, long from, long to) {
        return cpuBetween(s, from, to, Sample::pgCpu) * 10e6 / (to - from);
    }

    /** The whole machine's busy CPU in cores, from /proc/stat (jiffies of 10 ms). */
    private static double machineCoresBetween(List<Sample> s, long from, long to) {
        return cpuBetween(s, from, to, Sample::machineBusy) * 10e6 / (to - from);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        if (recording.getState() == jdk.jfr.RecordingState.RUNNING) {
            recording.close();
        }
    }
}
