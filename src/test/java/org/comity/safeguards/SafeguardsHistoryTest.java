package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.safeguards.AssessmentInput.PriorRequest;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.PolicyPack;
import org.comity.shared.CountryCode;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.Answer;
import org.comity.treaty.KindOfAssistance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import tools.jackson.databind.json.JsonMapper;

/**
 * The history an assessment reads is bounded: counts from the database and a few examples, however
 * many earlier requests name an identifier; the counts and severities are those the full history gave
 * (checked against the old query as an oracle), and assessments stored with the full history still
 * replay to the same findings.
 */
@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class SafeguardsHistoryTest {

    private static final CountryCode XA = CountryCode.of("XA");

    @Autowired
    Safeguards safeguards;

    @Autowired
    PolicyPackAdministration packs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    static AssessmentInput input(
            UUID id, String requesting, String requested, LocalDate date, List<List<String>> subjects) {
        return new AssessmentInput(
                id,
                1,
                AssessmentInput.Direction.INCOMING,
                KindOfAssistance.STORED_DATA,
                CountryCode.of(requesting),
                CountryCode.of(requested),
                date,
                "UNCC",
                List.of(),
                subjects.stream()
                        .map(ids -> new AssessmentInput.Subject(
                                AssessmentInput.Subject.Role.SUSPECT, true, null, Set.of(), Set.of(), ids, false))
                        .toList(),
                null,
                null,
                null,
                Set.of(),
                false,
                List.of(),
                null,
                Set.of(),
                List.of());
    }

    private static UUID id(String prefix, int n) {
        return UUID.nameUUIDFromBytes((prefix + n).getBytes(StandardCharsets.UTF_8));
    }

    private static Finding finding(StoredAssessment stored, String rule) {
        return finding(stored.assessment(), rule);
    }

    private static Finding finding(Assessment assessment, String rule) {
        return assessment.findings().stream()
                .filter(f -> f.rule().equals(rule))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void manyRequestsNamingAnIdentifierAreCountedWithAFewExamplesNotListed() {
        var earlier = new ArrayList<UUID>();
        for (int i = 0; i < 12; i++) {
            var id = id("twelve-", i);
            earlier.add(id);
            safeguards.assess(
                    input(
                            id,
                            "XA",
                            i % 4 == 3 ? "XD" : "XB",
                            LocalDate.parse("2027-01-01").plusDays(i),
                            List.of(List.of("account:shared-by-twelve"))),
                    "test");
        }
        var stored = safeguards.assess(
                input(
                        id("twelve-", 99),
                        "XA",
                        "XB",
                        LocalDate.parse("2027-02-01"),
                        List.of(List.of("account:shared-by-twelve"))),
                "test");

        assertThat(stored.input().history()).isEmpty();
        var subject = stored.input().recorded().subject(0).orElseThrow();
        assertThat(subject.requests()).isEqualTo(12);
        assertThat(subject.atLeast()).isFalse();
        assertThat(subject.otherStates()).isEqualTo(1); // XD, besides this request's XA and XB
        assertThat(subject.examples())
                .hasSize(Safeguards.EXAMPLES)
                .extracting(PriorRequest::requestId)
                .containsExactlyElementsOf(earlier.subList(0, Safeguards.EXAMPLES));
        var finding = finding(stored, "subject-targeted-repeatedly");
        assertThat(finding.severity()).isEqualTo(Severity.CONCERN);
        assertThat(finding.explanation())
                .contains("was also sought in 12 earlier requests (12 in this node's records), through 3 States.");
    }

    @Test
    void beyondTheCountLimitTheFindingSaysAtLeast() {
        jdbc.sql("""
                        INSERT INTO safeguards_subject_seen
                            (request_id, requesting, requested, request_date, identifier, request_version)
                        SELECT gen_random_uuid(), 'XA', 'XB', DATE '2026-06-01' + g, 'ip:198.51.100.250', 1
                        FROM generate_series(1, 150) g
                        """).update();
        var stored = safeguards.assess(
                input(id("many-", 1), "XA", "XB", LocalDate.parse("2027-02-01"), List.of(List.of("ip:198.51.100.250"))),
                "test");
        var subject = stored.input().recorded().subject(0).orElseThrow();
        assertThat(subject.requests()).isEqualTo(Safeguards.COUNT_LIMIT);
        assertThat(subject.atLeast()).isTrue();
        assertThat(subject.examples()).hasSize(Safeguards.EXAMPLES);
        assertThat(finding(stored, "subject-targeted-repeatedly").explanation())
                .contains("was also sought in at least 100 earlier requests (at least 100 in this node's records).");
    }

    /**
     * Random small histories (under the count limit), with and without a pattern window, a caller's own
     * list of earlier requests and refusals: the pattern rules decide as they did on the full history.
     */
    @Test
    void theCountsGiveWhatTheFullHistoryGave() {
        PolicyPack windowed = windowedPack();
        var states = List.of("XB", "XD", "QM", "XC");
        var seen = new java.util.HashSet<String>();
        for (int trial = 0; trial < 30; trial++) {
            var random = new SplittableRandom(trial);
            var pool = List.of("id:t" + trial + "-a", "id:t" + trial + "-b", "id:t" + trial + "-c");
            int earlier = random.nextInt(9);
            var ids = new ArrayList<UUID>();
            for (int i = 0; i < earlier; i++) {
                var id = id("oracle-" + trial + "-", i);
                ids.add(id);
                var named = new ArrayList<String>();
                named.add(pool.get(random.nextInt(3)));
                if (random.nextBoolean()) {
                    named.add(pool.get(random.nextInt(3)));
                }
                var requesting = random.nextInt(4) == 0 ? "QN" : "XA";
                safeguards.assess(
                        input(
                                id,
                                requesting,
                                states.get(random.nextInt(states.size())),
                                LocalDate.parse("2027-03-01").minusDays(random.nextInt(90)),
                                List.of(named.stream().distinct().toList())),
                        "test");
                if (random.nextInt(3) == 0) {
                    safeguards.recordPersecutionRefusal(id, CountryCode.of(requesting), CountryCode.of("XB"));
                }
            }
            var subjects = new ArrayList<List<String>>();
            subjects.add(List.of(pool.get(random.nextInt(3))));
            if (random.nextBoolean()) {
                subjects.add(List.of(pool.get(random.nextInt(3)), pool.get(random.nextInt(3))).stream()
                        .distinct()
                        .toList());
            }
            var requested = random.nextBoolean() ? "QY" : "XB";
            var input =
                    input(id("oracle-" + trial + "-", 99), "XA", requested, LocalDate.parse("2027-03-01"), subjects);
            if (!ids.isEmpty() && random.nextBoolean()) {
                // The caller lists one earlier request itself (with other States): it counts once.
                input = input.withHistory(List.of(new PriorRequest(
                        ids.get(random.nextInt(ids.size())),
                        XA,
                        CountryCode.of("XZ"),
                        LocalDate.parse("2027-02-20"),
                        List.of(pool.get(0)),
                        random.nextBoolean())));
            }
            var pack = requested.equals("QY") ? windowed : Kit.PACKS.current(CountryCode.of("XB"));
            var full = input.withHistory(oldHistory(input));
            var expected = Assessor.standard()
                    .assess(Kit.context(full, Kit.legalBasis(full, "UNCC", Answer.YES, null, List.of()), pack));
            var actual = safeguards.assess(input, "test");
            assertThat(patterns(actual.assessment().findings()))
                    .as("trial %d", trial)
                    .isEqualTo(patterns(expected.findings()));
            expected.findings().forEach(f -> seen.add(f.severity() + " " + f.rule()));
        }
        // The trials reach every outcome of both rules.
        assertThat(seen)
                .contains(
                        "NOTE subject-targeted-repeatedly",
                        "CONCERN subject-targeted-repeatedly",
                        "CONCERN requesting-state-record");
    }

    /** The pattern findings by severity, rule and the numbers they give. */
    private static List<String> patterns(List<Finding> findings) {
        var numbers = Pattern.compile("(\\d+) earlier request|through (\\d+) States");
        return findings.stream()
                .filter(f -> f.rule().equals("subject-targeted-repeatedly")
                        || f.rule().equals("requesting-state-record"))
                .map(f -> {
                    var m = numbers.matcher(f.explanation());
                    var text = new StringBuilder(f.severity() + " " + f.rule() + " " + f.fields());
                    while (m.find()) {
                        text.append(' ').append(m.group());
                    }
                    return text.toString();
                })
                .toList();
    }

    /** QY's pack counts only requests of the last 30 days; imported once per test database. */
    private PolicyPack windowedPack() {
        var text = """
                pack: history-window
                state: QY
                version: 1
                settings:
                  pattern_window_days: 30
                """;
        if (packs.policyPacks().stream().noneMatch(p -> p.state().value().equals("QY"))) {
            packs.importPolicyPack(text, "QY-1.yaml", "test");
        }
        return packs.policyPacks().stream()
                .filter(p -> p.state().value().equals("QY"))
                .findFirst()
                .orElseThrow();
    }

    /**
     * The history as the node built it before V80 (the oracle): every earlier request sharing an
     * identifier, then the requesting State's refusals, after the caller's own list.
     */
    private List<PriorRequest> oldHistory(AssessmentInput input) {
        var identifiers = input.subjects().stream()
                .flatMap(s -> s.identifiers().stream())
                .distinct()
                .toArray(String[]::new);
        var byRequest = new LinkedHashMap<UUID, PriorRequest>();
        input.history().forEach(p -> byRequest.putIfAbsent(p.requestId(), p));
        jdbc.sql("""
                        SELECT 0 AS part, s.request_id, s.requesting, s.requested, s.request_date AS day,
                               array_agg(s.identifier ORDER BY s.identifier) AS identifiers,
                               (r.request_id IS NOT NULL) AS refused
                        FROM safeguards_subject_seen s
                        LEFT JOIN safeguards_persecution_refusal r ON r.request_id = s.request_id
                        WHERE s.identifier = ANY(:identifiers) AND s.request_id <> :request
                        GROUP BY s.request_id, s.requesting, s.requested, s.request_date, r.request_id
                        UNION ALL
                        SELECT 1, request_id, requesting, requested, refused_on, ARRAY[]::text[], true
                        FROM safeguards_persecution_refusal
                        WHERE requesting = :requesting AND request_id <> :request
                        ORDER BY part, day, request_id
                        """)
                .param("identifiers", identifiers)
                .param("request", input.requestId())
                .param("requesting", input.requesting().value())
                .query((rs, n) -> new PriorRequest(
                        rs.getObject("request_id", UUID.class),
                        CountryCode.of(rs.getString("requesting").strip()),
                        CountryCode.of(rs.getString("requested").strip()),
                        rs.getObject("day", LocalDate.class),
                        List.of((String[]) rs.getArray("identifiers").getArray()),
                        rs.getBoolean("refused")))
                .list()
                .forEach(p -> byRequest.putIfAbsent(p.requestId(), p));
        return List.copyOf(byRequest.values());
    }

    /**
     * An assessment stored before V80, with every earlier request in its history and the explanation
     * listing them (written by that version of the node; its one citation of UNCC 35(2) brought up to the
     * corrected 35(3)): the pattern rules replay it to the same findings.
     */
    @Test
    void anAssessmentStoredWithTheFullHistoryStillReplaysItsPatternsTheSame() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var row = JsonMapper.builder().build().readTree(Kit.resource("safeguards/assessment-before-v80.json"));
        var id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO safeguards_assessment (id, request_id, request_version, assessed_at, assessed_by,
                            requesting, requested, input, inputs_used, findings, highest, has_bar)
                        VALUES (:id, :request, :version, :at, :by, :requesting, :requested, :input::jsonb,
                            :used::jsonb, :findings::jsonb, :highest, :bar)
                        """)
                .param("id", id)
                .param("request", UUID.fromString(row.get("request_id").asString()))
                .param("version", row.get("request_version").asLong())
                .param("at", Timestamp.from(Instant.parse("2026-12-02T13:51:35Z")))
                .param("by", row.get("assessed_by").asString())
                .param("requesting", row.get("requesting").asString())
                .param("requested", row.get("requested").asString())
                .param("input", row.get("input").toString())
                .param("used", row.get("inputs_used").toString())
                .param("findings", row.get("findings").toString())
                .param("highest", row.get("highest").asString())
                .param("bar", row.get("has_bar").asBoolean())
                .update();
        var stored = safeguards.get(id);
        assertThat(stored.input().recorded()).isNull();
        assertThat(stored.input().history()).hasSize(4);
        assertThat(finding(stored, "subject-targeted-repeatedly").explanation())
                .contains(
                        "(XA to XB on 2027-01-10, XA to XD on 2027-02-01, XA to XB on 2027-02-15), through 3 States.");

        // Written before findings recorded their source and message: they load with a source derived
        // from their rule, and keep their text.
        assertThat(finding(stored, "subject-targeted-repeatedly").source())
                .isInstanceOf(FindingSource.AdvisoryPractice.class);
        assertThat(finding(stored, "subject-targeted-repeatedly").message()).isNull();

        // The rules that read the history find exactly what they found then: same severity, fields and
        // source. (Their wording and citations changed since, with the messages and sources; other rules
        // changed with the engine version: safeguards-rules/3 says dual criminality from the profile's
        // statements and flags in words, so the replay as a whole reports a change.)
        var replay = safeguards.replay(id);
        for (var rule : java.util.List.of("subject-targeted-repeatedly", "requesting-state-record")) {
            assertThat(replay.replayed().findings())
                    .filteredOn(f -> f.rule().equals(rule))
                    .extracting(f -> f.severity() + " " + f.fields() + " " + f.source())
                    .containsExactlyElementsOf(stored.assessment().findings().stream()
                            .filter(f -> f.rule().equals(rule))
                            .map(f -> f.severity() + " " + f.fields() + " " + f.source())
                            .toList());
        }
        assertThat(finding(replay.replayed(), "subject-targeted-repeatedly").explanation())
                .contains("(XA → XB 2027-01-10, XA → XD 2027-02-01, and XA → XB 2027-02-15), through 3 States.");
        assertThat(replay.replayed().findings())
                .extracting(f -> f.rule() + " " + f.severity())
                .containsExactlyElementsOf(stored.assessment().findings().stream()
                        .map(f -> f.rule() + " " + f.severity())
                        .toList());
        mvc.perform(MockMvcRequestBuilders.post("/api/safeguards/assessments/" + id + "/replay")
                        .with(SecurityMockMvcRequestPostProcessors.httpBasic(
                                TestAccounts.username(Role.AUDITOR), TestAccounts.PASSWORD)))
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andExpect(MockMvcResultMatchers.jsonPath("$.original.id").value(id.toString()));
    }
}
