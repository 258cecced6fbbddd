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
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
 * in the same run; the name printed then includes them. {@code 'target/aot/app/comity-….jar|-XX:AOTCache=
 * target/aot/comity.aot'} measures the AOT cache that {@code scripts/start-aot.sh} builds (its extracted
 * jar, by the same absolute path). {@code mvn:DIR} measures README's {@code ./mvnw spring-boot:run} in
 * that project directory (its {@code help} is {@code ./mvnw -o -q test-compile}). {@code LABEL=} before a
 * launch ({@code run=mvn:.}) prints its RESULT lines as {@code start.LABEL.…}, beside the first launch's
 * figures (the baseline: give the jar with the JVM's defaults first). The JVM CPU counted is
 * that of every JVM of the launch (Maven's and the node's), never PostgreSQL's. Prints the median and
 * every sample in seconds.
 */
public final class SandboxStartTool {

    /** {@code LABEL=launch}: the launch's RESULT lines are named {@code start.LABEL.…}. */
    private static final Pattern LABELLED = Pattern.compile("([a-z][a-z0-9-]*)=(.+)");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private SandboxStartTool() {}

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<Launch> jars = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            var labelled = LABELLED.matcher(args[i]);
            labels.add(labelled.matches() ? labelled.group(1) : null);
            jars.add(Launch.parse(labelled.matches() ? labelled.group(2) : args[i]));
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
        // RESULT lines for each labelled launch (all of them unlabelled: the first, under the plain names),
        // each beside the first launch's figure of the same run (the first itself beside its `help`).
        var baseline = jars.getFirst().name() + " | ";
        for (int i = 0; i < jars.size(); i++) {
            var label = labels.get(i);
            if (label == null && (i > 0 || labels.stream().anyMatch(l -> l != null))) {
                continue; // there to compare by eye
            }
            var measure = label == null ? "" : label + ".";
            var prefix = jars.get(i).name() + " | ";
            double emptyBaseline = i == 0
                    ? median(samples.get(prefix + "help"))
                    : median(samples.get(baseline + "start, empty data dir"));
            double existingBaseline = i == 0
                    ? median(samples.get(prefix + "help"))
                    : median(samples.get(baseline + "start, existing data dir"));
            ResultLine.print(
                    "start." + measure + "empty-data-dir",
                    median(samples.get(prefix + "start, empty data dir")),
                    "s",
                    emptyBaseline,
                    "value<12");
            ResultLine.print(
                    "start." + measure + "existing-data-dir",
                    median(samples.get(prefix + "start, existing data dir")),
                    "s",
                    existingBaseline,
                    "value<10");
            ResultLine.print(
                    "stop." + measure + "after-first-start",
                    median(samples.get(prefix + "stop after first start")),
                    "s",
                    "-");
            // CPU seconds of the launch's JVMs (all their threads, not PostgreSQL's processes) until the
            // page: what the start costs whatever else the machine runs, where wall-clock figures depend on
            // load.
            for (var dir : List.of("empty", "existing")) {
                var what = "JVM CPU to first page, " + dir + " data dir";
                ResultLine.print(
                        "start.cpu." + measure + dir + "-data-dir",
                        median(samples.get(prefix + what)),
                        "s",
                        i == 0 ? Double.NaN : median(samples.get(baseline + what)),
                        "-");
            }
        }
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /** How a node is launched: a closed set, each able to say its command for {@code help} and a start. */
    private sealed interface Launch permits JarLaunch, MavenLaunch {

        static Launch parse(String argument) {
            if (argument.startsWith("mvn:")) {
                return new MavenLaunch(Path.of(argument.substring(4)).toAbsolutePath());
            }
            int bar = argument.indexOf('|');
            if (bar < 0) {
                return new JarLaunch(Path.of(argument).toAbsolutePath(), List.of());
            }
            var options = List.of(argument.substring(bar + 1).trim().split("\\s+"));
            return new JarLaunch(Path.of(argument.substring(0, bar)).toAbsolutePath(), options);
        }

        String name();

        /** What launching costs before the node's own start: a JVM that opens no database. */
        ProcessBuilder help();

        ProcessBuilder start(List<String> nodeArguments);
    }

    /**
     * A jar and the JVM options to launch it with (none: as a user types {@code java -jar}). The jar is
     * named by its absolute path: an AOT cache is used only with the class path it was trained on.
     */
    private record JarLaunch(Path jar, List<String> jvmOptions) implements Launch {

        @Override
        public String name() {
            var base = jar.getFileName() + " (" + jar.getParent() + ")";
            return jvmOptions.isEmpty() ? base : base + " " + String.join(" ", jvmOptions);
        }

        @Override
        public ProcessBuilder help() {
            return new ProcessBuilder(command(List.of("help")));
        }

        @Override
        public ProcessBuilder start(List<String> nodeArguments) {
            return new ProcessBuilder(command(nodeArguments));
        }

        private List<String> command(List<String> arguments) {
            var command = new ArrayList<String>();
            command.add(java());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toString());
            command.addAll(arguments);
            return command;
        }
    }

    /**
     * README's {@code ./mvnw spring-boot:run} in a project directory ({@code mvn:DIR}), offline so no
     * repository is asked (the machine's {@code ~/.m2} must hold the build's plugins). Its {@code help}
     * is {@code ./mvnw -o -q test-compile}, the lifecycle {@code spring-boot:run} runs before it forks
     * the node: Maven's own share of the start.
     */
    private record MavenLaunch(Path project) implements Launch {

        @Override
        public String name() {
            return "./mvnw spring-boot:run (" + project + ")";
        }

        @Override
        public ProcessBuilder help() {
            return new ProcessBuilder(project.resolve("mvnw").toString(), "-o", "-q", "test-compile")
                    .directory(project.toFile());
        }

        @Override
        public ProcessBuilder start(List<String> nodeArguments) {
            return new ProcessBuilder(
                            project.resolve("mvnw").toString(),
                            "-o",
                            "-q",
                            "spring-boot:run",
                            "-Dspring-boot.run.arguments=" + String.join(" ", nodeArguments))
                    .directory(project.toFile());
        }
    }

    private static double help(Launch jar) throws Exception {
        long start = System.nanoTime();
        var process = jar.help()
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
        var process = jar.start(
                        List.of("--comity.data-dir=" + dataDir, "--server.port=" + port, "--server.address=127.0.0.1"))
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
            var javas = javaProcesses(process.toHandle());
            double cpu =
                    javas.stream().mapToDouble(SandboxStartTool::cpuSeconds).sum();
            long stopping = System.nanoTime();
            // SIGTERM to the node's JVM: the launched one, or the one Maven forked (Maven then exits
            // as the node does; a SIGTERM to Maven as well could make it kill the node before its stop).
            javas.stream()
                    .filter(java -> java.descendants().noneMatch(SandboxStartTool::isJava))
                    .forEach(ProcessHandle::destroy);
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the node did not exit within 3 minutes of SIGTERM");
            }
            for (var java : javas) {
                java.onExit().get(3, TimeUnit.MINUTES);
            }
            return new double[] {started, seconds(stopping), cpu};
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /**
     * The launched process and its descendants that are JVMs ({@code mvnw} is a shell that runs Maven,
     * which forks the node), not the PostgreSQL processes the node starts: the CPU counted is the JVMs'.
     */
    private static List<ProcessHandle> javaProcesses(ProcessHandle launched) {
        var javas = new ArrayList<ProcessHandle>();
        Stream.concat(Stream.of(launched), launched.descendants())
                .filter(SandboxStartTool::isJava)
                .forEach(javas::add);
        if (javas.isEmpty()) {
            throw new IllegalStateException("no JVM among the launched processes");
        }
        return javas;
    }

    private static boolean isJava(ProcessHandle process) {
        return process.info().command().map(c -> c.endsWith("/java")).orElse(false);
    }

    private static double cpuSeconds(ProcessHandle process) {
        return process.info()
                        .totalCpuDuration()
                        .orElseThrow(() -> new IllegalStateException("this OS reports no process CPU time"))
                        .toNanos()
                / 1e9;
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
