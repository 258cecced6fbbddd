package org.comity.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-time tool, run by hand (not part of verify), for issue 18's "sandbox start < 10 s to a usable
 * page on an existing data dir, < 12 s on an empty one" and the shutdown that took 30 s. For each
 * packaged node jar given (e.g. this commit's and a baseline's, alternated round by round so both see
 * the same machine load) it times, as a user would run it:
 *
 * <ul>
 *   <li>{@code java -jar … help}: a JVM start that opens no database (the baseline);
 *   <li>start on an empty data dir until {@code GET /login} answers 200;
 *   <li>SIGTERM right after that first start until the process has exited;
 *   <li>start again on the same, now existing, data dir until the page answers, and stop again.
 * </ul>
 *
 * <pre>
 * ./mvnw -q -o package -DskipTests &amp;&amp; ./mvnw -q -o test-compile
 * java -cp target/test-classes org.comity.benchmarks.SandboxStartTool 3 target/comity-0.1.0-SNAPSHOT.jar OTHER.jar
 * </pre>
 * Arguments: rounds, then one or more jars. A jar may be followed by {@code |} and JVM options separated
 * by spaces ({@code 'target/comity.jar|-XX:MetaspaceSize=256m'}), to compare launch options of one jar
 * in the same run; the name printed then includes them. Prints the median and every sample in seconds.
 */
public final class SandboxStartTool {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private SandboxStartTool() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<Launch> jars = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            jars.add(Launch.parse(args[i]));
        }
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Launch jar : jars) {
                String name = jar.name();
                samples.computeIfAbsent(name + " | help", k -> new ArrayList<>())
                        .add(help(jar));
                Path dataDir = Files.createTempDirectory("comity-start");
                double[] empty = startAndStop(jar, dataDir);
                double[] existing = startAndStop(jar, dataDir);
                samples.computeIfAbsent(name + " | start, empty data dir", k -> new ArrayList<>())
                        .add(empty[0]);
                samples.computeIfAbsent(name + " | stop after first start", k -> new ArrayList<>())
                        .add(empty[1]);
                samples.computeIfAbsent(name + " | JVM CPU to first page, empty data dir", k -> new ArrayList<>())
                        .add(empty[2]);
                samples.computeIfAbsent(name + " | JVM CPU to first page, existing data dir", k -> new ArrayList<>())
                        .add(existing[2]);
                samples.computeIfAbsent(name + " | start, existing data dir", k -> new ArrayList<>())
                        .add(existing[0]);
                samples.computeIfAbsent(name + " | stop after restart", k -> new ArrayList<>())
                        .add(existing[1]);
                System.err.printf(
                        "round %d %s: help %.2f s, empty %.2f s (CPU %.2f s, stop %.2f s), existing %.2f s (CPU %.2f s,"
                                + " stop %.2f s)%n",
                        round,
                        name,
                        samples.get(name + " | help").getLast(),
                        empty[0],
                        empty[2],
                        empty[1],
                        existing[0],
                        existing[2],
                        existing[1]);
            }
        }
        System.out.printf(
                "load average %.2f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        samples.forEach((what, values) -> {
            var sorted = values.stream().sorted().toList();
            System.out.printf("%-90s median %6.2f s  samples %s%n", what, sorted.get(sorted.size() / 2), values);
        });
        // The first jar is the one measured; the others are there to compare by eye.
        var first = jars.getFirst();
        var prefix = first.name() + " | ";
        double help = median(samples.get(prefix + "help"));
        ResultLine.print(
                "start.empty-data-dir", median(samples.get(prefix + "start, empty data dir")), "s", help, "value<12");
        ResultLine.print(
                "start.existing-data-dir",
                median(samples.get(prefix + "start, existing data dir")),
                "s",
                help,
                "value<10");
        ResultLine.print("stop.after-first-start", median(samples.get(prefix + "stop after first start")), "s", "-");
        // CPU seconds of the node's JVM (all its threads, not PostgreSQL's processes) until the page: what
        // the start costs whatever else the machine runs, where the wall-clock figures above depend on load.
        ResultLine.print(
                "start.cpu.empty-data-dir",
                median(samples.get(prefix + "JVM CPU to first page, empty data dir")),
                "s",
                "-");
        ResultLine.print(
                "start.cpu.existing-data-dir",
                median(samples.get(prefix + "JVM CPU to first page, existing data dir")),
                "s",
                "-");
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** A jar and the JVM options to launch it with (none: as a user types {@code java -jar}). */
    private record Launch(Path jar, List<String> jvmOptions) {

        static Launch parse(String argument) {
            int bar = argument.indexOf('|');
            if (bar < 0) {
                return new Launch(Path.of(argument).toAbsolutePath(), List.of());
            }
            var options = List.of(argument.substring(bar + 1).trim().split("\\s+"));
            return new Launch(Path.of(argument.substring(0, bar)).toAbsolutePath(), options);
        }

        String name() {
            var base = jar.getFileName() + " (" + jar.getParent() + ")";
            return jvmOptions.isEmpty() ? base : base + " " + String.join(" ", jvmOptions);
        }

        List<String> command(String... arguments) {
            var command = new ArrayList<String>();
            command.add(java());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toString());
            command.addAll(List.of(arguments));
            return command;
        }
    }

    private static double help(Launch jar) throws Exception {
        long start = System.nanoTime();
        var process = new ProcessBuilder(jar.command("help"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("help did not finish");
        }
        return seconds(start);
    }

    /**
     * Seconds from launch to the first 200 of the login page, from SIGTERM to the exit, and the CPU
     * seconds the node's JVM had used when the page answered.
     */
    private static double[] startAndStop(Launch jar, Path dataDir) throws Exception {
        int port = freePort();
        long start = System.nanoTime();
        var process = new ProcessBuilder(jar.command(
                        "--comity.data-dir=" + dataDir, "--server.port=" + port, "--server.address=127.0.0.1"))
                .redirectErrorStream(true)
                .redirectOutput(
                        dataDir.resolve("node-" + System.nanoTime() + ".log").toFile())
                .start();
        try {
            var login = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the node exited; see its log in " + dataDir);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no page within 10 minutes; see " + dataDir);
                }
                try {
                    if (HTTP.send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            double started = seconds(start);
            double cpu = process.toHandle()
                            .info()
                            .totalCpuDuration()
                            .orElseThrow(() -> new IllegalStateException("this OS reports no process CPU time"))
                            .toNanos()
                    / 1e9;
            long stopping = System.nanoTime();
            process.toHandle().destroy(); // SIGTERM
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the node did not exit within 3 minutes of SIGTERM");
            }
            return new double[] {started, seconds(stopping), cpu};
        } finally {
            process.destroyForcibly();
        }
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
