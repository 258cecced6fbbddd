package org.comity.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.comity.Comity;
import org.comity.transparency.TransparencyLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15, "done when": a whole sandbox node — its JVM and its PostgreSQL — killed with SIGKILL at the
 * same moment, in the middle of a burst of creates and transitions sent over HTTP by several clients.
 * Started again on the same data directory, it has every change it acknowledged (a 2xx answer) stored,
 * at least at the version it answered with, and every stored change that the log records on the log.
 */
class NodeCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ACCOUNT_LINE = Pattern.compile("^\\s+([a-z-]+)\\s+(\\S+)\\s*$");
    private static final int CLIENTS = 6;

    /** What the node acknowledged for one request: the version it answered with, and the logged changes. */
    record Acknowledged(long version, int logged) {}

    @Test
    void everyAcknowledgedChangeSurvivesKillingTheNodeAndItsPostgresTogether(@TempDir Path dataDir) throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var node = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xshare:off",
                        "-Xmx512m",
                        Comity.class.getName(),
                        "--comity.data-dir=" + dataDir,
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--comity.casework.watch-enabled=false")
                .redirectErrorStream(true)
                .start();
        var acknowledged = new ConcurrentHashMap<UUID, Acknowledged>();
        var answered = new AtomicInteger();
        try {
            var passwords = awaitStarted(node);
            var base = "http://127.0.0.1:" + port;
            var http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            var caseworker = token(http, base, "caseworker", passwords);
            var reviewer = token(http, base, "legal-reviewer", passwords);
            var supervisor = token(http, base, "supervisor", passwords);

            var stop = new AtomicBoolean();
            var enough = new CountDownLatch(1);
            try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    pool.submit(() -> {
                        int n = 0;
                        while (!stop.get()) {
                            try {
                                burst(http, base, caseworker, reviewer, supervisor, client, n++, acknowledged);
                            } catch (Exception nodeGone) {
                                // The node was killed under this client: what it did not answer is not owed.
                            }
                            if (answered.incrementAndGet() >= 60) {
                                enough.countDown();
                            }
                        }
                        return null;
                    });
                }
                // Kill in the middle of the burst, once enough has been acknowledged to mean something.
                assertThat(enough.await(120, TimeUnit.SECONDS))
                        .as("the burst got going")
                        .isTrue();
                // SIGKILL to every PostgreSQL process and the node at once: nothing flushes or stops.
                var server = new ArrayList<ProcessHandle>();
                ProcessHandle.of(postmasterPid(dataDir)).ifPresent(p -> {
                    p.descendants().forEach(server::add);
                    server.add(p);
                });
                assertThat(server).hasSizeGreaterThan(1);
                server.forEach(ProcessHandle::destroyForcibly);
                node.toHandle().destroyForcibly();
                stop.set(true);
                // destroyForcibly only asks; the restart below must not meet a server still alive. Seen once
                // in CI: the checkpointer died, the postmaster lived on and began recovery, and the restart
                // found its shared memory in use. Wait for each to be gone, and kill again if it is not.
                for (ProcessHandle p : server) {
                    gone(p);
                }
            }
            assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            node.destroyForcibly();
        }
        assertThat(acknowledged).as("acknowledged before the kill").hasSizeGreaterThan(10);

        // Started again on the same directory (in this JVM, to read its database afterwards).
        try (var again = new SpringApplicationBuilder(Comity.class)
                .run(
                        "--comity.data-dir=" + dataDir,
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--comity.casework.watch-enabled=false",
                        "--logging.level.root=WARN")) {
            var jdbc = again.getBean(JdbcClient.class);
            var log = again.getBean(TransparencyLog.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (log.pending() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(log.pending()).as("outbox drained after the restart").isZero();

            var versions = new HashMap<UUID, Long>();
            jdbc.sql("SELECT id, version FROM casework_request")
                    .query((rs, i) -> versions.put(rs.getObject(1, UUID.class), rs.getLong(2)))
                    .list();
            var publicRecords = new HashMap<UUID, Integer>();
            jdbc.sql("SELECT request_id, count(*) FROM casework_public_record GROUP BY request_id")
                    .query((rs, i) -> publicRecords.put(rs.getObject(1, UUID.class), rs.getInt(2)))
                    .list();
            var lost = new ArrayList<String>();
            acknowledged.forEach((id, ack) -> {
                var stored = versions.get(id);
                if (stored == null || stored < ack.version()) {
                    lost.add(id + ": acknowledged version " + ack.version() + ", stored " + stored);
                }
                int records = publicRecords.getOrDefault(id, 0);
                if (records < ack.logged()) {
                    lost.add(id + ": " + ack.logged() + " logged changes acknowledged, " + records + " recorded");
                }
            });
            assertThat(lost).as("acknowledged changes missing after the crash").isEmpty();
            long unlogged = jdbc.sql("SELECT count(*) FROM casework_public_record r"
                            + " WHERE NOT EXISTS (SELECT 1 FROM log_entry e WHERE e.event_id = r.event_id)")
                    .query(Long.class)
                    .single();
            assertThat(unlogged).as("recorded public events not on the log").isZero();
            long onLog =
                    jdbc.sql("SELECT count(*) FROM log_entry").query(Long.class).single();
            int loggedAcks = acknowledged.values().stream()
                    .mapToInt(Acknowledged::logged)
                    .sum();
            assertThat(onLog).isGreaterThanOrEqualTo(loggedAcks);
        }
    }

    /** One request: registered (logged), taken into review, granted (logged, approved when asked). */
    private static void burst(
            HttpClient http,
            String base,
            String caseworker,
            String reviewer,
            String supervisor,
            int client,
            int n,
            Map<UUID, Acknowledged> acknowledged)
            throws Exception {
        var created = post(http, base + "/api/requests/incoming", caseworker, body(client, n));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("register: " + created.statusCode() + " " + created.body());
        }
        var id = UUID.fromString(JSON.readTree(created.body()).get("id").asString());
        acknowledged.put(id, new Acknowledged(version(created), 1));
        var path = base + "/api/requests/" + id;
        var reviewed = post(http, path + "/review", caseworker, "{}");
        if (reviewed.statusCode() >= 300) {
            throw new IllegalStateException("review: " + reviewed.statusCode() + " " + reviewed.body());
        }
        acknowledged.put(id, new Acknowledged(version(reviewed), 1));
        var decided = post(http, path + "/decision", reviewer, "{\"outcome\": \"granted\"}");
        if (decided.statusCode() >= 300) {
            throw new IllegalStateException("decision: " + decided.statusCode() + " " + decided.body());
        }
        if (JSON.readTree(decided.body()).get("state").asString().equals("granted")) {
            acknowledged.put(id, new Acknowledged(version(decided), 2));
            return;
        }
        acknowledged.put(id, new Acknowledged(version(decided), 1));
        var proposal = JSON.readTree(decided.body()).get("proposalFingerprint").asString();
        var approved = post(http, path + "/decision/approval", supervisor, "{\"proposal\": \"" + proposal + "\"}");
        if (approved.statusCode() >= 300) {
            throw new IllegalStateException("approval: " + approved.statusCode() + " " + approved.body());
        }
        acknowledged.put(id, new Acknowledged(version(approved), 2));
    }

    private static long version(HttpResponse<String> response) {
        return JSON.readTree(response.body()).get("version").asLong();
    }

    private static String body(int client, int n) {
        return """
                {"kind": "STORED_DATA", "content": {
                 "requestingAuthority": {"name": "Central Authority", "state": "XA"},
                 "requestedAuthority": {"name": "Ministry of Justice", "state": "XC"},
                 "legalBasis": "UNCC",
                 "offences": [{"domesticProvision": "Penal Code s. 301", "conductCategories": ["ict-theft-or-fraud"],
                               "maximumPenaltyMonths": 96}],
                 "summaryOfFacts": "Fraudulent online shop taking payments for goods never sent. Case %d-%d.",
                 "subjects": [{"role": "ACCOUNT_HOLDER", "identifiers": [{"type": "IP_ADDRESS",
                               "value": "203.0.113.%d", "observedAt": "2026-01-10T12:00:00Z",
                               "timeZone": "Europe/Paris"}]}],
                 "dataSought": {"categories": ["SUBSCRIBER"], "from": "2026-01-01T00:00:00Z",
                                "to": "2026-01-31T00:00:00Z", "provider": "Example Hosting Ltd"},
                 "purpose": "Identify the operator for prosecution.",
                 "urgency": {"level": "NORMAL"},
                 "confidentiality": {"required": true, "endsOn": "2027-01-01"}}}
                """.formatted(client, n, (client * 40 + n) % 250 + 1);
    }

    private static HttpResponse<String> post(HttpClient http, String uri, String token, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A bearer token, issued with the account's first-start password (tokens cannot be issued with tokens). */
    private static String token(HttpClient http, String base, String username, Map<String, String> passwords)
            throws Exception {
        var basic = Base64.getEncoder()
                .encodeToString((username + ":" + passwords.get(username)).getBytes(StandardCharsets.UTF_8));
        var response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/me/tokens"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"crash test\", \"validDays\": 1}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("secret").asString();
    }

    /**
     * Reads the node's output until it has started, collecting the sandbox passwords it prints once,
     * then keeps draining it so the node never blocks on a full pipe.
     */
    private static Map<String, String> awaitStarted(Process node) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        var passwords = new HashMap<String, String>();
        var output = new StringBuilder();
        String line;
        boolean started = false;
        // The first-start accounts are printed just after "Started", by an application runner.
        while ((line = reader.readLine()) != null && !(started && passwords.containsKey("supervisor"))) {
            output.append(line).append('\n');
            started |= line.contains("Started Comity");
            var account = ACCOUNT_LINE.matcher(line);
            if (account.matches()) {
                passwords.put(account.group(1), account.group(2));
            }
        }
        assertThat(line).as(output::toString).isNotNull();
        assertThat(passwords).as(output::toString).containsKeys("caseworker", "legal-reviewer", "supervisor");
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (reader.readLine() != null) {
                    // discard
                }
            } catch (java.io.IOException gone) {
                // the node was killed
            }
        });
        return passwords;
    }

    private static void gone(ProcessHandle p) throws Exception {
        for (int attempt = 0; attempt < 3 && p.isAlive(); attempt++) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillThere) {
                new ProcessBuilder("kill", "-KILL", Long.toString(p.pid()))
                        .inheritIO()
                        .start()
                        .waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(p.isAlive()).as("PostgreSQL process %s killed", p.pid()).isFalse();
    }

    private static long postmasterPid(Path dataDir) throws Exception {
        List<String> lines = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
        return Long.parseLong(lines.getFirst().trim());
    }
}
