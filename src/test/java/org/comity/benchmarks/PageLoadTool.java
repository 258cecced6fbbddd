package org.comity.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.comity.Comity;
import org.comity.accounts.Accounts;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;
import org.comity.casework.Casework;
import org.comity.casework.domain.Decision;
import org.comity.casework.domain.RefusalGround;
import org.comity.casework.domain.Request;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.domain.RequestContent.Authority;
import org.comity.casework.domain.RequestContent.DataSought;
import org.comity.casework.domain.RequestContent.Identifier;
import org.comity.casework.domain.RequestContent.MeasureSafeguards;
import org.comity.casework.domain.RequestContent.Offence;
import org.comity.casework.domain.RequestContent.Subject;
import org.comity.casework.domain.RequestContent.Urgency;
import org.comity.jurisdiction.ConductCode;
import org.comity.shared.CountryCode;
import org.comity.testing.FictionalUncc;
import org.comity.treaty.DataCategory;
import org.comity.treaty.KindOfAssistance;
import org.comity.treaty.Treaties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load tool, run by hand (not part of verify), for issue 7's "every page responds in < 200 ms p95 on
 * the sandbox with 10 000 requests". Starts a node as the sandbox does (no database configured: the
 * node's own embedded PostgreSQL in its data directory), with fictional States accepted; seeds N
 * requests through the Casework facade (so the audit trail, the full-text index and the transparency
 * log fill the real way) across kinds, directions, states, assignees, units and State pairs; signs in
 * through the login form (CSRF, session cookie); then times every page of {@link #PAGES}: a warm-up,
 * then sequential requests, then the same number spread over concurrent clients.
 *
 * <pre>
 * ./mvnw -B -ntp -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     org.comity.benchmarks.PageLoadTool 10000 200 4 [data-dir]
 * </pre>
 * Arguments: how many requests to seed, timed requests per page, concurrent clients, a data directory
 * to keep (a second run on it seeds only what is missing, so a fix is re-measured on the same data;
 * new migrations run at start as on any node; without one, a temporary directory), and a regular
 * expression choosing pages by label (default: all).
 */
public final class PageLoadTool {

    /**
     * The pages, one a line: label, then path. A new page is one line. In paths, {@code {name}} is a
     * request id looked up in the database (see {@link #placeholders}); a path that answers 404 is
     * skipped and reported (a page not merged yet).
     */
    static final String PAGES = """
            home (public)                 | /
            log (public)                  | /log
            log checkpoint (public)       | /log/checkpoint
            log entry (public)            | /log/entries/0
            log statistics (public)       | /log/statistics
            log verify (public)           | /log/verify
            api log (public)              | /api/log
            api log entry (public)        | /api/log/entries/0
            api log proof (public)        | /api/log/entries/0/proof
            dashboard                     | /console
            list                          | /requests
            list page 50                  | /requests?page=50
            list open, by due             | /requests?state=open&sort=DUE&descending=false
            list filters                  | /requests?direction=INCOMING&state=refused&kind=STORED_DATA&counterpart=XB
            list assignee, updated        | /requests?assignee=bench&sort=UPDATED
            list due before               | /requests?dueBefore=2099-01-01&sort=DUE
            list text                     | /requests?q=ransomware
            list text + State, page 5     | /requests?q=hospital%20records&counterpart=XB&page=5
            list text, no match           | /requests?q=zzzqqq
            request draft                 | /requests/{draft}
            request submitted             | /requests/{submitted}
            request under review          | /requests/{underReview}
            request refused               | /requests/{refused}
            request granted               | /requests/{granted}
            request closed                | /requests/{closed}
            request longest audit trail   | /requests/{longest}
            request letter (pdf)          | /requests/{submitted}/letter.pdf
            new request                   | /requests/new
            draft step parties            | /requests/{draft}/draft/parties
            draft step offence            | /requests/{draft}/draft/offence
            draft step subjects           | /requests/{draft}/draft/subjects
            draft step conditions         | /requests/{draft}/draft/conditions
            draft review                  | /requests/{completeDraft}/draft/review
            register incoming             | /requests/incoming/new
            treaties                      | /treaties
            legal basis                   | /treaties/legal-basis?a=FR&b=DE&date=2026-06-01
            states                        | /states
            state profile                 | /states/FR
            admin accounts                | /admin/accounts
            admin profiles                | /admin/profiles
            admin policy packs            | /admin/policy-packs
            admin treaty actions          | /admin/treaty-actions
            """;

    static final String USER = "bench";
    static final String PASSWORD = "timing the console 42";
    static final double THRESHOLD_MS = 200;
    static final int WARM_UP = 50;

    private static final String[] FACTS = {
        "Ransomware attack encrypted the hospital's patient records and demanded payment in cryptocurrency.",
        "Business e-mail compromise diverted a supplier payment to a mule account abroad.",
        "Distribution of child sexual abuse material through a file-hosting service.",
        "Sextortion of teenagers through a social network with threats to publish images.",
        "DDoS-for-hire service used against the national tax portal during the filing period.",
        "Investment fraud through a fake trading platform targeting pensioners."
    };
    private static final String[] CONDUCT = {"ict-theft-or-fraud", "illegal-access", "data-interference"};
    /** Requesting and requested State of outgoing requests: fictional, and real ones with profiles. */
    private static final String[][] PAIRS = {
        {"XA", "XB"}, {"XA", "QM"}, {"XA", "XC"}, {"XA", "XD"}, {"XA", "QN"}, {"FR", "DE"}, {"FR", "GB"}, {"FR", "US"}
    };

    /** The node's clock, so seeded dates agree with the node's. */
    private static java.time.Clock clock = java.time.Clock.systemUTC();

    private PageLoadTool() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int timed = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path data = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("comity-page-load");
        var only = Pattern.compile(args.length > 4 ? args[4] : ".*");
        try (var node = new SpringApplicationBuilder(Comity.class)
                .run(
                        "--comity.data-dir=" + data,
                        "--comity.treaty.fictional-states=true",
                        "--server.port=0",
                        // Each casework event's log listener holds a pooled connection while it waits for
                        // the log writer, which needs one too: with unbounded (virtual-thread) listeners a
                        // burst of events takes the whole pool and every append times out. Seeding is such
                        // a burst; bounding the listeners keeps it going (see docs/console.md, Performance).
                        "--spring.task.execution.simple.concurrency-limit=4",
                        // A kept data directory has the later modules' migrations (V50…) applied already;
                        // a new migration in an earlier module's range must be allowed to run after them.
                        "--spring.flyway.out-of-order=true",
                        "--logging.level.root=WARN")) {
            clock = node.getBean(java.time.Clock.class);
            FictionalUncc.inForce(node.getBean(Treaties.class));
            accounts(node.getBean(Accounts.class));
            var jdbc = node.getBean(JdbcClient.class);
            seed(node.getBean(Casework.class), jdbc, count);
            var base = "http://localhost:"
                    + ((WebServerApplicationContext) node).getWebServer().getPort();
            machine();
            measure(base, placeholders(jdbc), timed, clients, only);
            machine();
        }
    }

    // ---- seeding ----------------------------------------------------------------------------

    private static void accounts(Accounts accounts) {
        register(
                accounts,
                new NewAccount(
                        USER,
                        "Benchmark",
                        Set.of(Role.CASEWORKER, Role.LEGAL_REVIEWER, Role.SUPERVISOR, Role.ADMIN),
                        PASSWORD));
        for (var unit : List.of("unit-a", "unit-b")) {
            for (int i = 1; i <= 3; i++) {
                register(
                        accounts,
                        new NewAccount(
                                "cw-" + unit + "-" + i,
                                "Caseworker " + i + " of " + unit,
                                Set.of(Role.CASEWORKER),
                                PASSWORD,
                                Optional.of(unit)));
            }
        }
        register(accounts, new NewAccount("cw-central", "Central caseworker", Set.of(Role.CASEWORKER), PASSWORD));
        register(accounts, new NewAccount("lr-1", "Legal reviewer", Set.of(Role.LEGAL_REVIEWER), PASSWORD));
        register(accounts, new NewAccount("sv-1", "Supervisor one", Set.of(Role.SUPERVISOR), PASSWORD));
        register(accounts, new NewAccount("sv-2", "Supervisor two", Set.of(Role.SUPERVISOR), PASSWORD));
    }

    private static void register(Accounts accounts, NewAccount account) {
        if (accounts.find(account.username()).isEmpty()) {
            accounts.register(account, "page-load-tool");
        }
    }

    private static final String[] CASEWORKERS = {
        "cw-unit-a-1", "cw-unit-a-2", "cw-unit-a-3", "cw-unit-b-1", "cw-unit-b-2", "cw-unit-b-3", "cw-central", USER
    };
    private static final String[] ASSIGNEES = {"cw-unit-a-1", "cw-unit-b-1", "cw-central", "lr-1", "sv-1", USER};

    private static void seed(Casework casework, JdbcClient jdbc, int count) throws Exception {
        long existing = jdbc.sql("SELECT count(*) FROM casework_request")
                .query(Long.class)
                .single();
        int missing = (int) Math.max(0, count - existing);
        var remaining = new AtomicInteger(missing);
        var failures = new ConcurrentHashMap<String, AtomicInteger>();
        var root = new SplittableRandom(7 + existing);
        long start = System.nanoTime();
        var done = new AtomicInteger();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                var random = root.split();
                pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        try {
                            script(casework, random);
                        } catch (RuntimeException e) {
                            failures.computeIfAbsent(
                                            e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()),
                                            k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        if (done.incrementAndGet() % 1000 == 0) {
                            System.out.printf("  seeded %d in %.0f s%n", done.get(), (System.nanoTime() - start) / 1e9);
                        }
                    }
                    return null;
                });
            }
        }
        System.out.printf(
                "seeded %d requests through the Casework facade in %.1f s (%d threads); %d in the table%n",
                missing,
                (System.nanoTime() - start) / 1e9,
                threads,
                jdbc.sql("SELECT count(*) FROM casework_request")
                        .query(Long.class)
                        .single());
        failures.forEach(
                (k, v) -> System.out.printf("  a step failed %d times (request left earlier): %s%n", v.get(), k));
        System.out.println("requests by state:");
        jdbc.sql("SELECT direction, state, count(*) AS n FROM casework_request GROUP BY 1, 2 ORDER BY 1, 2")
                .query((rs, n) -> "  %-9s %-26s %6d".formatted(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list()
                .forEach(System.out::println);
        System.out.printf(
                "audit lines %d, comments %d, public records %d%n",
                jdbc.sql("SELECT count(*) FROM casework_audit")
                        .query(Long.class)
                        .single(),
                jdbc.sql("SELECT count(*) FROM casework_comment")
                        .query(Long.class)
                        .single(),
                jdbc.sql("SELECT count(*) FROM casework_public_record")
                        .query(Long.class)
                        .single());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        var line = message.lines().findFirst().orElse("");
        return line.length() > 140 ? line.substring(0, 140) : line;
    }

    /** One request's life, stopped at a state chosen by weight. */
    private static void script(Casework casework, SplittableRandom random) {
        int roll = random.nextInt(1000);
        var creator = CASEWORKERS[random.nextInt(CASEWORKERS.length)];
        if (roll < 350) {
            outgoing(casework, random, creator, roll);
        } else {
            incoming(casework, random, creator, roll);
        }
    }

    private static void outgoing(Casework casework, SplittableRandom random, String creator, int roll) {
        var pair = PAIRS[random.nextInt(PAIRS.length)];
        if (roll < 150) {
            // Drafts: any kind, often incomplete, sometimes edited.
            var kind = KindOfAssistance.values()[random.nextInt(KindOfAssistance.values().length)];
            var content =
                    random.nextInt(3) == 0 ? partial(random, pair[0], pair[1]) : complete(random, pair[0], pair[1]);
            var r = casework.draft(kind, content, creator);
            for (int i = random.nextInt(3); i > 0; i--) {
                r = casework.updateDraft(r.id(), r.version(), complete(random, pair[0], pair[1]), creator);
            }
            maybeAssign(casework, random, r, creator);
            return;
        }
        var r = casework.draft(KindOfAssistance.STORED_DATA, complete(random, pair[0], pair[1]), creator);
        r = casework.proposeSending(r.id(), null, creator);
        if (roll < 190) {
            return; // awaiting the supervisor
        }
        r = casework.approveSending(r.id(), null, random.nextBoolean() ? "sv-1" : USER.equals(creator) ? "sv-1" : USER);
        maybeAssign(casework, random, r, creator);
        if (roll < 330) {
            return; // submitted
        }
        casework.withdraw(r.id(), null, "The investigation was discontinued.", creator);
    }

    private static void incoming(Casework casework, SplittableRandom random, String creator, int roll) {
        var pair = PAIRS[random.nextInt(PAIRS.length)];
        // The other State asks us: requesting and requested swapped.
        var content = random.nextInt(5) == 0 ? partial(random, pair[1], pair[0]) : complete(random, pair[1], pair[0]);
        var received = clock.instant().minus(Duration.ofHours(random.nextInt(24 * 120)));
        var r = casework.registerIncoming(KindOfAssistance.STORED_DATA, content, received, creator);
        maybeAssign(casework, random, r, creator);
        if (roll < 450) {
            return; // received
        }
        var reviewer = random.nextBoolean() ? "lr-1" : USER;
        r = casework.startReview(r.id(), null, reviewer);
        if (roll < 530) {
            return; // under review
        }
        if (roll < 570) {
            casework.requestInformation(r.id(), null, "The subscriber's account number.", reviewer);
            return;
        }
        if (roll < 580) {
            longTrail(casework, random, r, reviewer, creator);
            return;
        }
        if (roll < 750) {
            r = casework.recordConsultation(
                    r.id(),
                    null,
                    "Central Authority of " + pair[1],
                    "Discussed the scope; no narrowing possible.",
                    reviewer);
            var ground = RefusalGround.values()[random.nextInt(RefusalGround.values().length - 1)];
            r = decide(
                    casework,
                    r,
                    new Decision.Refuse(List.of(new Decision.Reason(
                            ground,
                            "The request falls under " + ground.code() + " as explained to the requesting State."))),
                    reviewer);
            if (roll >= 700) {
                casework.close(r.id(), null, reviewer);
            }
            return;
        }
        if (roll < 780) {
            r = casework.recordConsultation(r.id(), null, "Central Authority", "Agreed to postpone.", reviewer);
            decide(
                    casework,
                    r,
                    new Decision.Postpone(
                            "Ongoing domestic investigation.",
                            LocalDate.now(clock).plusMonths(3)),
                    reviewer);
            return;
        }
        r = decide(
                casework,
                r,
                random.nextBoolean()
                        ? new Decision.Grant()
                        : new Decision.GrantWithConditions(List.of("Use only for the proceedings named.")),
                reviewer);
        if (roll < 880) {
            return; // granted
        }
        r = casework.startExecution(r.id(), null, reviewer);
        if (roll < 910) {
            return;
        }
        r = casework.completeExecution(r.id(), null, random.nextBoolean(), reviewer);
        casework.close(r.id(), null, reviewer);
    }

    /** Decides, and approves as another user when the assessment asks for a second approval. */
    private static Request decide(Casework casework, Request r, Decision decision, String reviewer) {
        r = casework.decide(r.id(), null, decision, reviewer);
        if (r.state() instanceof org.comity.casework.domain.RequestState.AwaitingDecisionApproval) {
            r = casework.approveDecision(
                    r.id(), null, r.proposalFingerprint().orElseThrow(), USER.equals(reviewer) ? "sv-1" : "sv-2");
        }
        return r;
    }

    /** A request that went back and forth for months: long audit trail and many comments. */
    private static void longTrail(
            Casework casework, SplittableRandom random, Request r, String reviewer, String creator) {
        for (int i = 0; i < 25; i++) {
            casework.requestInformation(r.id(), null, "Clarification " + (i + 1) + " of the period sought.", reviewer);
            casework.informationReceived(r.id(), null, reviewer);
            casework.comment(
                    r.id(), "Note " + (i + 1) + ": spoke to the liaison officer; waiting for the court.", reviewer);
            casework.assign(r.id(), null, assignee(random, creator), reviewer);
        }
    }

    private static void maybeAssign(Casework casework, SplittableRandom random, Request r, String creator) {
        if (random.nextInt(3) > 0) {
            casework.assign(r.id(), null, assignee(random, creator), "sv-1");
        }
    }

    /**
     * An assignee who may see a request its creator made: a request belongs to its creator's unit, and
     * casework assigns it only to that unit's users or to users of no unit.
     */
    private static String assignee(SplittableRandom random, String creator) {
        var eligible = java.util.Arrays.stream(ASSIGNEES)
                .filter(a -> !a.startsWith("cw-unit-")
                        || !creator.startsWith("cw-unit-")
                        || a.startsWith(creator.substring(0, "cw-unit-a".length())))
                .toArray(String[]::new);
        return eligible[random.nextInt(eligible.length)];
    }

    private static RequestContent complete(SplittableRandom random, String requesting, String requested) {
        return new RequestContent(
                new Authority("Central Authority of " + requesting, CountryCode.of(requesting)),
                new Authority("Ministry of Justice of " + requested, CountryCode.of(requested)),
                // Between real States the UNCC is not in force yet: the assessment bars some of them,
                // and they stay in review or draft, as they would.
                "UNCC",
                List.of(new Offence(
                        "Penal Code s. " + (300 + random.nextInt(20)),
                        Set.of(new ConductCode(CONDUCT[random.nextInt(CONDUCT.length)])),
                        24 + random.nextInt(120))),
                FACTS[random.nextInt(FACTS.length)] + " Case " + random.nextInt(1_000_000) + ".",
                List.of(new Subject(
                        Subject.Role.ACCOUNT_HOLDER,
                        null,
                        null,
                        null,
                        List.of(new Identifier(
                                Identifier.Type.IP_ADDRESS,
                                "203.0.113." + random.nextInt(255),
                                Instant.parse("2026-01-10T12:00:00Z"),
                                "Europe/Paris")))),
                new DataSought(
                        Set.of(DataCategory.SUBSCRIBER),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse("2026-01-31T00:00:00Z"),
                        "Example Hosting Ltd"),
                "Identify the operator for prosecution.",
                new Urgency(Urgency.Level.NORMAL, null),
                new MeasureSafeguards("Investigating judge", true, "CCP art. 12", "Narrow period", null),
                new RequestContent.Confidentiality(true, LocalDate.parse("2027-01-01")),
                new RequestContent.UseConditions(true, true, null));
    }

    private static RequestContent partial(SplittableRandom random, String requesting, String requested) {
        return new RequestContent(
                new Authority("Central Authority of " + requesting, CountryCode.of(requesting)),
                new Authority(null, CountryCode.of(requested)),
                null,
                List.of(),
                FACTS[random.nextInt(FACTS.length)],
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null);
    }

    // ---- measuring --------------------------------------------------------------------------

    /** Ids for the paths' placeholders, from the database, so a kept data directory needs no seeding. */
    private static Map<String, String> placeholders(JdbcClient jdbc) {
        var ids = new LinkedHashMap<String, String>();
        ids.put("draft", oneIn(jdbc, "state = 'draft'"));
        ids.put(
                "completeDraft",
                oneIn(jdbc, "state = 'draft' AND kind = 'STORED_DATA' AND content->>'purpose' IS NOT NULL"));
        ids.put("submitted", oneIn(jdbc, "state = 'submitted'"));
        ids.put("underReview", oneIn(jdbc, "state = 'under-review'"));
        ids.put("refused", oneIn(jdbc, "state = 'refused'"));
        ids.put("granted", oneIn(jdbc, "state = 'granted'"));
        ids.put("closed", oneIn(jdbc, "state = 'closed'"));
        ids.put(
                "longest",
                jdbc.sql("SELECT request_id FROM casework_audit GROUP BY request_id ORDER BY count(*) DESC LIMIT 1")
                        .query(String.class)
                        .optional()
                        .orElse(""));
        return ids;
    }

    private static String oneIn(JdbcClient jdbc, String where) {
        return jdbc.sql("SELECT id::text FROM casework_request WHERE " + where + " ORDER BY created_at LIMIT 1")
                .query(String.class)
                .optional()
                .orElse("");
    }

    record Page(String label, String path) {}

    static List<Page> pages(Map<String, String> ids) {
        var pages = new ArrayList<Page>();
        for (var line : PAGES.lines().toList()) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            var parts = line.split("\\|", 2);
            var path = parts[1].strip();
            for (var id : ids.entrySet()) {
                path = path.replace("{" + id.getKey() + "}", id.getValue());
            }
            pages.add(new Page(parts[0].strip(), path));
        }
        return pages;
    }

    private static void measure(String base, Map<String, String> ids, int timed, int clients, Pattern only)
            throws Exception {
        var pages =
                pages(ids).stream().filter(p -> only.matcher(p.label()).find()).toList();
        var sessions = new ArrayList<Session>();
        for (int i = 0; i < clients; i++) {
            sessions.add(Session.signIn(base));
        }
        var skipped = new ArrayList<String>();
        var slow = new ArrayList<String>();
        // The static home page, timed in the same run, is the baseline of every RESULT line: what the
        // machine (shared, loaded) takes to answer at all, beside what each page takes.
        double baseline = Double.NaN;
        double baselineConcurrent = Double.NaN;
        System.out.printf(
                "%n%-30s %-5s %8s %8s %8s %8s   %8s %8s %8s %8s  %s%n",
                "page",
                "",
                "p50",
                "p95",
                "p99",
                "max",
                "p50 x" + clients,
                "p95 x" + clients,
                "p99 x" + clients,
                "max x" + clients,
                "path");
        for (var page : pages) {
            var first = sessions.get(0).get(page.path());
            if (first.statusCode() == 404) {
                skipped.add(page.label() + " " + page.path() + " (404)");
                continue;
            }
            if (first.statusCode() != 200) {
                skipped.add(page.label() + " " + page.path() + " (HTTP " + first.statusCode() + ")");
                continue;
            }
            for (int i = 0; i < WARM_UP; i++) {
                sessions.get(i % clients).get(page.path());
            }
            long[] sequential = new long[timed];
            for (int i = 0; i < timed; i++) {
                sequential[i] = sessions.get(0).timed(page.path());
            }
            long[] concurrent = new long[timed];
            var next = new AtomicInteger();
            try (var pool = Executors.newFixedThreadPool(clients)) {
                for (var session : sessions) {
                    pool.submit(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < timed) {
                            concurrent[i] = session.timed(page.path());
                        }
                        return null;
                    });
                }
            }
            java.util.Arrays.sort(sequential);
            java.util.Arrays.sort(concurrent);
            double p95 = percentile(sequential, 0.95);
            double p95c = percentile(concurrent, 0.95);
            boolean flagged = p95 >= THRESHOLD_MS || p95c >= THRESHOLD_MS;
            if (flagged) {
                slow.add(page.label());
            }
            if ("/".equals(page.path())) {
                baseline = p95;
                baselineConcurrent = p95c;
            }
            var name =
                    "page-load." + page.label().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
            ResultLine.print(name + ".p95", p95, "ms", baseline, "value<" + (int) THRESHOLD_MS);
            ResultLine.print(name + ".p95-x" + clients, p95c, "ms", baselineConcurrent, "value<" + (int) THRESHOLD_MS);
            System.out.printf(
                    "%-30s %-5s %8.1f %8.1f %8.1f %8.1f   %8.1f %8.1f %8.1f %8.1f  %s%n",
                    page.label(),
                    flagged ? "SLOW" : "",
                    percentile(sequential, 0.50),
                    p95,
                    percentile(sequential, 0.99),
                    sequential[timed - 1] / 1e6,
                    percentile(concurrent, 0.50),
                    p95c,
                    percentile(concurrent, 0.99),
                    concurrent[timed - 1] / 1e6,
                    page.path().length() > 60 ? page.path().substring(0, 60) + "…" : page.path());
        }
        System.out.printf(
                "%ntimes in ms over %d requests per column (after %d warm-up); x%d = %d concurrent signed-in clients%n",
                timed, WARM_UP, clients, clients);
        System.out.println("pages at or over " + THRESHOLD_MS + " ms p95: " + (slow.isEmpty() ? "none" : slow));
        skipped.forEach(s -> System.out.println("skipped: " + s));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            load = String.format("%.2f", os.getSystemLoadAverage());
        }
        System.out.printf(
                "machine: %d cores, %s %s, Java %s; load average (1, 5, 15 min …): %s%n",
                os.getAvailableProcessors(), os.getName(), os.getArch(), Runtime.version(), load);
    }

    /** One signed-in browser: a cookie jar, signed in through the login form with its CSRF token. */
    record Session(HttpClient http, String base) {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

        static Session signIn(String base) throws IOException, InterruptedException {
            var http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            var session = new Session(http, base);
            var form = session.get("/login").body();
            var token = CSRF.matcher(form);
            if (!token.find()) {
                throw new IllegalStateException("no CSRF token on the login form");
            }
            var body = "username=" + USER + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                    + "&_csrf=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            var location = response.headers().firstValue("Location").orElse("");
            if (response.statusCode() != 302 || location.contains("error")) {
                throw new IllegalStateException("sign-in failed: " + response.statusCode() + " " + location);
            }
            if (session.get("/console").statusCode() != 200) {
                throw new IllegalStateException("signed in, but /console is not shown");
            }
            return session;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Nanoseconds until the whole body has arrived; a page that stops answering 200 stops the run. */
        long timed(String path) throws IOException, InterruptedException {
            long start = System.nanoTime();
            var response = http.send(
                    HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + ": HTTP " + response.statusCode());
            }
            return elapsed;
        }
    }
}
