package org.comity.treaty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.cli.TreatyCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class TreatyApiTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2027-01-15T09:00:00Z"));
        }
    }

    static final String HEADER = "instrument,party,action,date,source,as_of,note\n";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    static org.springframework.test.web.servlet.request.RequestPostProcessor as(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }

    /** 40 fictional ratifications of the UNCC, the 40th on 2027-03-10 (as of 2027-03-31). */
    static String fortyRatifications() {
        var csv = new StringBuilder(HEADER);
        var codes = new java.util.ArrayList<String>();
        for (char c = 'A'; c <= 'Z'; c++) {
            codes.add("X" + c);
        }
        for (char c = 'M'; c <= 'Z'; c++) {
            codes.add("Q" + c);
        }
        for (int i = 0; i < 40; i++) {
            csv.append("UNCC,")
                    .append(codes.get(i))
                    .append(",ratification,")
                    .append(java.time.LocalDate.parse("2027-03-10").minusDays(39 - i))
                    .append(",\"fictional depositary notification, for a test\",2027-03-31,\n");
        }
        return csv.toString();
    }

    @Test
    void theShippedDataLoadsWithItsCounts() {
        assertThat(treaties.states()).hasSize(196);
        assertThat(treaties.states().stream().filter(s -> s.kind() == RegisteredState.Kind.REIO))
                .extracting(s -> s.code().value())
                .containsExactly("EU");
        assertThat(treaties.actions(Optional.empty(), Optional.empty())).hasSize(261);
        var uncc = treaties.progress("UNCC", Optional.empty());
        assertThat(uncc.counted()).isZero();
        assertThat(uncc.required()).isEqualTo(40);
        assertThat(uncc.signatures()).isEqualTo(65);
        assertThat(uncc.reported()).isEqualTo(1);
        assertThat(uncc.inForce()).isEqualTo(Answer.NO);
        assertThat(treaties.progress("ETS185", Optional.empty()).entryIntoForce())
                .contains(java.time.LocalDate.parse("2004-07-01"));
        assertThat(treaties.progress("CETS224", Optional.empty()).counted()).isEqualTo(3);
    }

    @Test
    void theLegalBasisReasonsAnswerInTheAcceptLanguageWithTheRegistrysNames() throws Exception {
        var english = "$.instruments[?(@.instrument == 'ETS185')].reasons[*].text";
        mvc.perform(get("/api/treaty/legal-basis")
                        .param("a", "FR")
                        .param("b", "DE")
                        .param("date", "2026-01-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath(english)
                        .value(org.hamcrest.Matchers.hasItem(
                                org.hamcrest.Matchers.startsWith("France (FR): ratification deposited on"))));
        mvc.perform(get("/api/treaty/legal-basis")
                        .param("a", "FR")
                        .param("b", "DE")
                        .param("date", "2026-01-01")
                        .header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(jsonPath(english)
                        .value(org.hamcrest.Matchers.hasItem(
                                org.hamcrest.Matchers.startsWith("France (FR) : ratification déposée le"))))
                .andExpect(jsonPath("$.instruments[?(@.instrument == 'ETS185')].reasons[*].key")
                        .value(org.hamcrest.Matchers.hasItem("state.deposit")));
        mvc.perform(get("/api/treaty/legal-basis")
                        .param("a", "FR")
                        .param("b", "DE")
                        .param("date", "2026-01-01")
                        .header("Accept-Language", "ar"))
                .andExpect(status().isOk())
                .andExpect(jsonPath(english)
                        .value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("أُودع صك"))));
        mvc.perform(get("/api/treaty/status")
                        .param("instrument", "UNCC")
                        .param("state", "FR")
                        .header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reasons[0].text")
                        .value(org.hamcrest.Matchers.startsWith(
                                "aucun instrument de ratification, d’acceptation, d’approbation ou d’adhésion de"
                                        + " France (FR) à l’instrument « Convention des Nations Unies")));
    }

    @Test
    void anyoneMayAskForTheLegalBasisBetweenTwoStates() throws Exception {
        // France and Germany: Budapest ratifications with known dates (CoE chart), recorded 2004 entry into force.
        mvc.perform(get("/api/treaty/legal-basis")
                        .param("a", "FR")
                        .param("b", "DE")
                        .param("date", "2026-01-01"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("YES"))
                .andExpect(jsonPath("$.instruments[?(@.instrument == 'ETS185')].answer")
                        .value("YES"))
                .andExpect(jsonPath("$.instruments[?(@.instrument == 'UNCC')].answer")
                        .value("NO"))
                .andExpect(jsonPath("$.instruments[?(@.instrument == 'ETS185')].reasons[*].citations[*].instrument")
                        .value(org.hamcrest.Matchers.hasItem("ETS185")));
        // Argentina acceded on 2018-06-05 (CoE chart): bound from 2018-10-01, not before.
        mvc.perform(get("/api/treaty/status").param("instrument", "ETS185").param("state", "AR"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("YES"))
                .andExpect(jsonPath("$.since").value("2018-10-01"));
        mvc.perform(get("/api/treaty/status")
                        .param("instrument", "ETS185")
                        .param("state", "AR")
                        .param("date", "2018-09-30"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("NO"));
    }

    @Test
    void aValueTheDatabaseRefusesIsAProblemNamingTheConstraintWithoutSql() throws Exception {
        mvc.perform(post("/api/treaty/actions/import")
                        .with(as(Role.ADMIN))
                        .contentType("text/csv")
                        .param("fileName", "x".repeat(301))
                        .content(fortyRatifications()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("/problems/invalid-input"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("INSERT"))))
                .andExpect(
                        content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("xxxxxxxx"))));
        // Nothing of the refused import was kept.
        mvc.perform(get("/api/treaty/progress/UNCC").param("date", "2027-06-08"))
                .andExpect(jsonPath("$.counted").value(0));
    }

    @Test
    void afterFortyRatificationsTheUnccIsALegalBasisWithCitations() throws Exception {
        mvc.perform(post("/api/treaty/actions/import")
                        .with(as(Role.ADMIN))
                        .contentType("text/csv")
                        .content(fortyRatifications()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added").value(40));
        mvc.perform(get("/api/treaty/legal-basis")
                        .param("a", "XA")
                        .param("b", "QZ")
                        .param("date", "2027-06-08"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("YES"))
                .andExpect(jsonPath("$.instruments[0].instrument").value("UNCC"))
                .andExpect(jsonPath("$.instruments[0].reasons[*].citations[*].article")
                        .value(org.hamcrest.Matchers.hasItem("65")));
        mvc.perform(get("/api/treaty/status")
                        .param("instrument", "UNCC")
                        .param("state", "XA")
                        .param("date", "2027-06-08"))
                .andExpect(jsonPath("$.answer").value("YES"));
        // Fictional ratifications are counted apart: they never bring the real Convention into force,
        // for a real State or in the public progress towards the forty instruments.
        mvc.perform(get("/api/treaty/progress/UNCC").param("date", "2027-06-08"))
                .andExpect(jsonPath("$.counted").value(0))
                .andExpect(jsonPath("$.inForce").value("NO"));
        mvc.perform(get("/api/treaty/status")
                        .param("instrument", "UNCC")
                        .param("state", "FR")
                        .param("date", "2027-06-08"))
                .andExpect(jsonPath("$.answer").value("NO"));
        mvc.perform(get("/api/treaty/legal-basis")
                        .param("a", "XA")
                        .param("b", "FR")
                        .param("date", "2027-06-08"))
                .andExpect(jsonPath("$.instruments[?(@.instrument == 'UNCC')].answer")
                        .value(org.hamcrest.Matchers.hasItem("NO")));
        // Importing the same file again adds nothing.
        mvc.perform(post("/api/treaty/actions/import")
                        .with(as(Role.ADMIN))
                        .contentType("text/csv")
                        .content(fortyRatifications()))
                .andExpect(jsonPath("$.added").value(0))
                .andExpect(jsonPath("$.skipped").value(40));
    }

    @Test
    void aMalformedImportListsEveryProblemWithItsLineAndChangesNothing() throws Exception {
        var before = count();
        var csv = HEADER
                + "UNCC,XA,ratification,2027-01-02,fictional,2027-01-03,\n"
                + "UNCC,XB,ratification,2027-13-02,fictional,2027-01-03,\n"
                + "NOPE,XC,ratification,2027-01-02,fictional,2027-01-03,\n"
                + "UNCC,\"X\nD\",signature,2027-01-02,,unknown,\n"
                + "UNCC,XE,ratification,2027-01-02,fictional,2027-01-03\n";
        mvc.perform(post("/api/treaty/actions/import")
                        .with(as(Role.ADMIN))
                        .contentType("text/csv")
                        .content(csv))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.contains(
                                "line 3: date",
                                "line 4: instrument",
                                "line 5: party",
                                "line 5: as_of",
                                "line 5: source",
                                "line 7")));
        assertThat(count()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM treaty_import")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void onlyAdministratorsRecordActionsAndReadsNeedAnAccount() throws Exception {
        var body = """
                {"instrument":"UNCC","party":"XA","action":"signature","date":"2026-12-01",
                 "source":"fictional record","asOf":"2026-12-02"}
                """;
        mvc.perform(post("/api/treaty/actions")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/api/treaty/actions")
                        .with(as(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/treaty/actions")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/treaty/actions")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/treaty/actions")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isConflict());
        mvc.perform(get("/api/treaty/actions").param("party", "XA").with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.type == 'SIGNATURE')].origin")
                        .value(TestAccounts.username(Role.ADMIN) + " (api)"));
        var auditor = jdbc.sql("SELECT recorded_by FROM treaty_action WHERE party = 'XA' AND action = 'signature'")
                .query(String.class)
                .single();
        assertThat(auditor).isEqualTo(TestAccounts.username(Role.ADMIN));
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM treaty_action").update())
                .rootCause()
                .hasMessageContaining("append-only");
    }

    @Test
    void badInputIsAProblemWithEveryField() throws Exception {
        mvc.perform(post("/api/treaty/actions")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"instrument":"UNCC","party":"France","action":"signed","date":"yesterday",
                                 "source":"","asOf":"unknown"}
                                """))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("/problems/invalid-input"))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.contains("party", "action", "date", "as_of", "source")));
        mvc.perform(get("/api/treaty/legal-basis").param("a", "FRA").param("b", "FRA"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.length()").value(2));
        mvc.perform(get("/api/treaty/status")
                        .param("instrument", "UNCC")
                        .param("state", "FR")
                        .param("date", "soon"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void citationsResolveOnlyThroughTheCatalogue() throws Exception {
        mvc.perform(get("/api/treaty/instruments/UNCC/articles/65").param("paragraph", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.certainty").value("C"));
        mvc.perform(get("/api/treaty/instruments/UNCC/articles/99")).andExpect(status().isNotFound());
        mvc.perform(get("/api/treaty/instruments/UNCC/articles/65").param("paragraph", "9"))
                .andExpect(status().isNotFound());
        assertThat(treaties.cite("ETS185", "24", Optional.of("1(a)")).text()).isEqualTo("ETS185 Art 24(1)(a)");
    }

    @Test
    void reservationsLimitTheLegalBasis() throws Exception {
        mvc.perform(post("/api/treaty/reservations")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"instrument":"ETS185","party":"XA","article":"29","paragraph":"4",
                                 "kind":"reservation","effect":"preservation-requires-dual-criminality",
                                 "source":"fictional","asOf":"2026-01-01"}
                                """))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/treaty/reservations")
                        .with(as(Role.ADMIN))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"instrument":"ETS185","party":"XA","article":"999","kind":"other",
                                 "effect":"accepted-languages","values":["English"],"asOf":"2026-01-01"}
                                """))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.contains("article", "kind", "effect", "source")));
        assertThat(treaties.reservations())
                .singleElement()
                .satisfies(r -> assertThat(r.describe()).startsWith("XA reservation under ETS185 Art 29(4) [C]"));
    }

    @Test
    void theCalculatorShowsItsArithmetic() throws Exception {
        mvc.perform(post("/api/treaty/decisions")
                        .with(as(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"rule":"qualified-majority",
                                 "majority":{"numerator":2,"denominator":3,"comparison":"AT_LEAST"},
                                 "votes":{"yes":60,"no":30,"abstain":50,"absent":0}}
                                """))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.adopted").value(true))
                .andExpect(jsonPath("$.arithmetic[2]")
                        .value("present and voting = yes 60 + no 30 = 90 (abstentions 50 excluded)"));
        mvc.perform(post("/api/treaty/decisions")
                        .with(as(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"rule\":\"majority\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.length()").value(2));
    }

    @Test
    void theCommandLineReportsStatusAndRejectsABadFile(@TempDir Path dir) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = TreatyCommand.run(List.of("status"), print(out), print(err), context);
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("states: 195", "organisations: 1", "shipped actions: 261")
                .contains("UNCC (UN Convention against Cybercrime (Hanoi Convention)): in force NO");

        var bad = dir.resolve("bad.csv");
        Files.writeString(bad, HEADER + "UNCC,XA,ratified,2027-01-02,fictional,2027-01-03,\n");
        var before = count();
        code = TreatyCommand.run(List.of("import", bad.toString()), print(out), print(err), context);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2: action [unknown-action]");
        assertThat(count()).isEqualTo(before);

        var good = dir.resolve("good.csv");
        Files.writeString(good, HEADER + "CETS224,QM,signature,2026-05-02,fictional,2026-05-03,\n");
        assertThat(TreatyCommand.run(List.of("import", good.toString()), print(out), print(err), context))
                .isZero();
        assertThat(TreatyCommand.run(List.of("export"), print(out), print(err), context))
                .isEqualTo(2);
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM treaty_action").query(Long.class).single();
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
