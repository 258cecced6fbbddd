package org.comity.treaty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.jayway.jsonpath.JsonPath;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Withdrawing and correcting wrong treaty-action records: audited, append-only, all or nothing. The
 * tests share the class's database, which nothing can clean (append-only), hence their order: those
 * that must leave France's shipped Budapest ratification counted run first.
 */
@NodeTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class TreatyCorrectionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    static final String FR_RATIFICATION = """
            {"instrument":"ETS185","party":"FR","action":"ratification","date":"2006-01-10",
             "reason":"not-deposited","note":"internal ticket 4711: checked against the chart"}
            """;

    private org.springframework.test.web.servlet.ResultActions postJson(String path, Role role, String body)
            throws Exception {
        return mvc.perform(post(path)
                .with(TreatyApiTest.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private String frDeEts185() throws Exception {
        var json = mvc.perform(get("/api/treaty/legal-basis")
                        .param("a", "FR")
                        .param("b", "DE")
                        .param("date", "2026-01-01"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        java.util.List<String> answers = JsonPath.read(json, "$.instruments[?(@.instrument == 'ETS185')].answer");
        return answers.getFirst();
    }

    private long actions() {
        return jdbc.sql("SELECT count(*) FROM treaty_action").query(Long.class).single();
    }

    private long withdrawals() {
        return jdbc.sql("SELECT count(*) FROM treaty_action_withdrawal")
                .query(Long.class)
                .single();
    }

    @Test
    @Order(3)
    void withdrawingAShippedRatificationChangesTheLegalBasisAndIsAudited() throws Exception {
        assertThat(frDeEts185()).isEqualTo("YES");
        postJson("/api/treaty/actions/withdrawals", Role.ADMIN, FR_RATIFICATION)
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.withdrawn.withdrawal.reason").value("NOT_DEPOSITED"))
                .andExpect(content().string(not(containsString("4711"))));
        assertThat(frDeEts185()).isNotEqualTo("YES");
        // Still listed, marked withdrawn with who and why; the note stays out of the list.
        mvc.perform(get("/api/treaty/actions")
                        .param("instrument", "ETS185")
                        .param("party", "FR")
                        .with(TreatyApiTest.as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.type == 'RATIFICATION')].withdrawal.by")
                        .value(hasItem(TestAccounts.username(Role.ADMIN) + " (api)")))
                .andExpect(content().string(not(containsString("4711"))));
        var audit = jdbc.sql("SELECT recorded_by, channel, reason, note, action_id FROM treaty_action_withdrawal")
                .query((rs, n) -> java.util.Arrays.asList(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        String.valueOf(rs.getObject(5))))
                .single();
        assertThat(audit)
                .containsExactly(
                        TestAccounts.username(Role.ADMIN),
                        "api",
                        "not-deposited",
                        "internal ticket 4711: checked against the chart",
                        "null");
        // The export (the import format) leaves it out, so another node does not take it back.
        mvc.perform(get("/api/treaty/actions/export").with(TreatyApiTest.as(Role.ADMIN)))
                .andExpect(content().string(not(containsString("ETS185,FR,ratification"))));
        // Withdrawing twice is a conflict, an unknown record is not found.
        postJson("/api/treaty/actions/withdrawals", Role.ADMIN, FR_RATIFICATION).andExpect(status().isConflict());
        postJson("/api/treaty/actions/withdrawals", Role.ADMIN, FR_RATIFICATION.replace("2006-01-10", "2006-01-11"))
                .andExpect(status().isNotFound());
        postJson("/api/treaty/actions/withdrawals", Role.ADMIN, "{\"id\": 999999, \"reason\": \"duplicate\"}")
                .andExpect(status().isNotFound());
        assertThat(withdrawals()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aCorrectionMovesTheEntryIntoForceDate() throws Exception {
        mvc.perform(post("/api/treaty/actions/import")
                        .with(TreatyApiTest.as(Role.ADMIN))
                        .contentType("text/csv")
                        .content(TreatyApiTest.fortyRatifications()))
                .andExpect(status().isOk());
        // The fortieth (QZ, 2027-03-10) brings the Convention into force on the ninetieth day after.
        var since = since("XA", "2027-07-01");
        assertThat(since).isEqualTo("2027-06-08");
        long id = ((Number) JsonPath.read(
                        mvc.perform(get("/api/treaty/actions")
                                        .param("instrument", "UNCC")
                                        .param("party", "QZ")
                                        .with(TreatyApiTest.as(Role.ADMIN)))
                                .andReturn()
                                .getResponse()
                                .getContentAsString(),
                        "$[0].id"))
                .longValue();
        postJson("/api/treaty/actions/corrections", Role.ADMIN, """
                        {"withdrawal": {"id": %d, "reason": "wrong-date"},
                         "action": {"instrument":"UNCC","party":"QZ","action":"ratification","date":"2027-03-20",
                                    "source":"fictional depositary notification, corrected","asOf":"2027-03-31"}}
                        """.formatted(id))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.withdrawn.id").value(id))
                .andExpect(jsonPath("$.withdrawn.withdrawal.reason").value("WRONG_DATE"))
                .andExpect(jsonPath("$.correction.date").value("2027-03-20"));
        assertThat(since("XA", "2027-07-01")).isEqualTo("2027-06-18");
        var superseded = jdbc.sql("SELECT superseded_by FROM treaty_action_withdrawal WHERE action_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        assertThat(superseded).isGreaterThan(id);
        // The withdrawn record cannot be corrected again.
        postJson("/api/treaty/actions/corrections", Role.ADMIN, """
                        {"withdrawal": {"id": %d, "reason": "wrong-date"},
                         "action": {"instrument":"UNCC","party":"QZ","action":"ratification","date":"2027-03-21",
                                    "source":"fictional","asOf":"2027-03-31"}}
                        """.formatted(id))
                .andExpect(status().isConflict());
        // Nothing is ever deleted or changed (both tables have rows now, so the row triggers fire).
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM treaty_action").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(
                        () -> jdbc.sql("DELETE FROM treaty_action_withdrawal").update())
                .rootCause()
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE treaty_action_withdrawal SET reason = 'duplicate'")
                        .update())
                .rootCause()
                .hasMessageContaining("append-only");
    }

    private String since(String state, String date) throws Exception {
        return JsonPath.read(
                mvc.perform(get("/api/treaty/status")
                                .param("instrument", "UNCC")
                                .param("state", state)
                                .param("date", date))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(),
                "$.since");
    }

    @Test
    @Order(2)
    void aCorrectionWithABadOrDuplicateNewRowChangesNothing() throws Exception {
        long before = actions();
        var correction = """
                {"withdrawal": {"instrument":"ETS185","party":"FR","action":"ratification","date":"2006-01-10",
                                "reason":"wrong-date"},
                 "action": {"instrument":"ETS185","party":"FR","action":"ratification","date":"%s",
                            "source":"%s","asOf":"2026-04-25"}}
                """;
        postJson("/api/treaty/actions/corrections", Role.ADMIN, correction.formatted("2006-13-10", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field").value(contains("action.date", "action.source")));
        // The corrected row is the same event as a record that counts (DE's ratification, same key but
        // for the party): refused as a conflict after the check, and the withdrawal is not kept either.
        postJson(
                        "/api/treaty/actions/corrections",
                        Role.ADMIN,
                        correction
                                .formatted("2009-03-09", "chart")
                                .replace(
                                        "\"party\":\"FR\",\"action\":\"ratification\",\"date\":\"2009",
                                        "\"party\":\"DE\",\"action\":\"ratification\",\"date\":\"2009"))
                .andExpect(status().isConflict());
        assertThat(withdrawals()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM treaty_action")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(frDeEts185()).isEqualTo("YES");
        // Every bad field of the withdrawal part is named too.
        postJson("/api/treaty/actions/withdrawals", Role.ADMIN, """
                        {"id": 4, "instrument":"ETS185", "reason":"oops", "note":"%s"}
                        """.formatted("n".repeat(501)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(contains("id", "reason", "note")));
        postJson("/api/treaty/actions/withdrawals", Role.ADMIN, """
                        {"instrument":"NOPE","party":"France","action":"signed","date":"soon","standing":"maybe",
                         "reason":"wrong-date"}
                        """)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field")
                        .value(contains("instrument", "party", "action", "date", "standing")));
        assertThat(withdrawals()).isZero();
    }

    @Test
    @Order(1)
    void onlyAdministratorsWithdrawOrCorrect() throws Exception {
        mvc.perform(post("/api/treaty/actions/withdrawals")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(FR_RATIFICATION))
                .andExpect(status().isUnauthorized());
        postJson("/api/treaty/actions/withdrawals", Role.CASEWORKER, FR_RATIFICATION)
                .andExpect(status().isForbidden());
        postJson("/api/treaty/actions/corrections", Role.CASEWORKER, "{}").andExpect(status().isForbidden());
        assertThat(withdrawals()).isZero();
        assertThat(frDeEts185()).isEqualTo("YES");
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    @Order(5)
    void theCommandLineWithdrawsWithChannelCli() throws Exception {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        var print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        var printErr = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        var withdraw = java.util.List.of(
                "withdraw", "ETS185,DE,ratification,2009-03-09", "wrong-date", "from the command line");
        assertThat(org.comity.treaty.cli.TreatyCommand.run(withdraw, print, printErr, context))
                .isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("withdrawn: ETS185 DE ratification 2009-03-09");
        assertThat(jdbc.sql("SELECT channel FROM treaty_action_withdrawal WHERE party = 'DE'")
                        .query(String.class)
                        .single())
                .isEqualTo("cli");
        // Again: already withdrawn, refused (exit 1); a bad reason is a usage of the vocabulary (exit 1).
        assertThat(org.comity.treaty.cli.TreatyCommand.run(withdraw, print, printErr, context))
                .isEqualTo(1);
        assertThat(org.comity.treaty.cli.TreatyCommand.run(
                        java.util.List.of("withdraw", "1", "oops"), print, printErr, context))
                .isEqualTo(1);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("reason [unknown-reason]");
        assertThat(org.comity.treaty.cli.TreatyCommand.run(
                        java.util.List.of("withdraw", "1"), print, printErr, context))
                .isEqualTo(2);
    }
}
