package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.safeguards.AssessmentInput;
import org.comity.safeguards.Safeguards;
import org.comity.shared.CountryCode;
import org.comity.testing.FictionalUncc;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What casework records about a request reaches the safeguards engine, through the REST API: protected
 * roles, characteristics, compelled assistance, prior proceedings and matters give their findings;
 * refusals on persecution grounds make the requesting State's record; every new version is assessed.
 * Fictional States only (XA asks XB), with the UNCC in force between them.
 */
@NodeTest
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class CaseworkSafeguardsContentTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @MockitoSpyBean
    Safeguards safeguards;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    /**
     * {@link CaseworkApiTest#CONTENT} (XA asks XB for subscriber data about a fraud) with its own IP
     * address, so no test sees another's subject, and a suspect instead of an account holder.
     */
    private static String content(String ip) {
        return CaseworkApiTest.CONTENT.replace("203.0.113.7", ip).replace("ACCOUNT_HOLDER", "SUSPECT");
    }

    /** The content with extra items added to its first subject. */
    private static String subjectWith(String ip, String items) {
        return content(ip).replace("{\"role\": \"SUSPECT\",", "{\"role\": \"SUSPECT\", " + items + ",");
    }

    /** The content with extra request-level items. */
    private static String requestWith(String ip, String items) {
        return content(ip).replaceFirst("\\{", "{" + items + ",");
    }

    @Test
    void aJournalistAmongTheSubjectsGetsTheProtectedRoleFinding() throws Exception {
        var id = registered(subjectWith("198.51.100.1", "\"protectedRoles\": [\"JOURNALIST\"]"));
        assessment(id)
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.findings[?(@.rule == 'protected-role')].severity")
                        .value(hasItem("CONCERN")))
                .andExpect(jsonPath("$.findings[?(@.rule == 'protected-role')].explanation")
                        .value(hasItem(containsString("journalist"))))
                .andExpect(jsonPath("$.findings[?(@.rule == 'protected-role')].fields[*]")
                        .value(hasItem("subjects[0].protectedRoles")));
    }

    @Test
    void aPoliticalOpinionRecordedForASubjectIsAPersecutionIndicator() throws Exception {
        var id = registered(subjectWith("198.51.100.2", "\"characteristics\": [\"POLITICAL_OPINION\"]"));
        assessment(id)
                .andExpect(jsonPath("$.findings[?(@.rule == 'persecution-indicators')].severity")
                        .value(hasItem("GROUND")))
                .andExpect(jsonPath("$.findings[?(@.rule == 'persecution-indicators')].fields[*]")
                        .value(hasItem("subjects[0].characteristics")));
    }

    @Test
    void compelledDisclosureOfKeysGetsTheCompelledAssistanceFinding() throws Exception {
        var id = registered(requestWith("198.51.100.3", "\"compelled\": [\"DISCLOSE_KEYS\"]"));
        // XB's policy pack makes compelled assistance a bar.
        assessment(id)
                .andExpect(jsonPath("$.hasBar").value(true))
                .andExpect(jsonPath("$.findings[?(@.rule == 'compelled-assistance')].severity")
                        .value(hasItem("BAR")));
    }

    @Test
    void anAcquittalElsewhereForTheSameConductIsNeBisInIdem() throws Exception {
        var id = registered(requestWith("198.51.100.4", """
                "priorProceedings": [{"state": "XC", "subject": 0, "conduct": ["ict-theft-or-fraud"],
                                      "outcome": "ACQUITTED", "reference": "XC Court 2025/17"}]"""));
        assessment(id)
                .andExpect(jsonPath("$.findings[?(@.rule == 'ne-bis-in-idem')].severity")
                        .value(hasItem("GROUND")))
                .andExpect(jsonPath("$.findings[?(@.rule == 'ne-bis-in-idem')].explanation")
                        .value(hasItem(containsString("XC"))));
        // An incomplete one is left out of the assessment and named by the content rules instead.
        var incomplete = registered(requestWith("198.51.100.5", """
                "priorProceedings": [{"state": "XC", "subject": 3, "conduct": ["ict-theft-or-fraud"]}]"""));
        assessment(incomplete).andExpect(jsonPath("$.findings[?(@.rule == 'ne-bis-in-idem')]", empty()));
        mvc.perform(get("/api/requests/" + incomplete).with(CaseworkApiTest.as(Role.LEGAL_REVIEWER)))
                .andExpect(jsonPath("$.contentProblems[*].field").value(hasItem("content.priorProceedings[0].subject")))
                .andExpect(jsonPath("$.contentProblems[*].rule").value(hasItem("prior-proceeding-outcome-required")));
    }

    @Test
    void bankSecrecyAndFiscalMattersNeverGiveARefusalFinding() throws Exception {
        var id = registered(requestWith("198.51.100.6", "\"matters\": [\"BANK_SECRECY\", \"FISCAL\"]"));
        assessment(id)
                .andExpect(jsonPath("$.hasBar").value(false))
                .andExpect(jsonPath("$.findings[?(@.rule == 'never-grounds')]", hasSize(2)))
                .andExpect(jsonPath("$.findings[?(@.rule == 'never-grounds')].severity", everyItem(is("NOTE"))))
                .andExpect(jsonPath("$.findings[*].severity", not(hasItem("BAR"))))
                .andExpect(jsonPath("$.findings[*].severity", not(hasItem("GROUND"))));
    }

    @Test
    void aRefusalOnPersecutionGroundsIsOnTheRequestingStatesRecordForItsNextRequest() throws Exception {
        var first = underReview(content("198.51.100.7"));
        assessment(first).andExpect(jsonPath("$.findings[?(@.rule == 'requesting-state-record')]", empty()));
        refuse(first, "PERSECUTION");

        var next = registered(content("198.51.100.8"));
        assessment(next)
                .andExpect(jsonPath("$.findings[?(@.rule == 'requesting-state-record')].severity")
                        .value(hasItem("CONCERN")))
                .andExpect(jsonPath("$.findings[?(@.rule == 'requesting-state-record')].explanation")
                        .value(hasItem(containsString("1 earlier request from XA was refused"))));

        // A second report of the same refusal changes nothing.
        safeguards.recordPersecutionRefusal(UUID.fromString(first), CountryCode.of("XA"), CountryCode.of("XB"));
        assertThat(jdbc.sql("SELECT count(*) FROM safeguards_persecution_refusal WHERE request_id = ?")
                        .param(UUID.fromString(first))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aPartialGrantRefusingTheRestOnPersecutionGroundsIsOnTheRecordToo() throws Exception {
        var first = underReview(content("198.51.100.13").replace("\"XA\"", "\"XE\""));
        decide(first, """
                {"outcome": "partially-granted", "granted": "subscriber data for January only",
                 "refused": "subscriber data for the other months",
                 "reasons": [{"ground": "PERSECUTION", "explanation": "the rest aims at the person's opinions"}]}
                """, "partially-granted");
        var next = registered(content("198.51.100.14").replace("\"XA\"", "\"XE\""));
        assessment(next)
                .andExpect(jsonPath("$.findings[?(@.rule == 'requesting-state-record')].severity")
                        .value(hasItem("CONCERN")));
    }

    @Test
    void aRefusalOnOtherGroundsLeavesNoRecord() throws Exception {
        var first = underReview(content("198.51.100.9").replace("\"XA\"", "\"XD\""));
        refuse(first, "NO_DUAL_CRIMINALITY");
        var next = registered(content("198.51.100.10").replace("\"XA\"", "\"XD\""));
        assessment(next).andExpect(jsonPath("$.findings[?(@.rule == 'requesting-state-record')]", empty()));
    }

    @Test
    void everyDraftVersionIsAssessedWhenItIsSaved() throws Exception {
        // Drafted without the requested State: nothing to assess yet.
        var withoutRequested = content("198.51.100.11")
                .replace(
                        "\"requestedAuthority\": {\"name\": \"Ministry of Justice of Xebia\", \"state\": \"XB\"},", "");
        var id = CaseworkApiTest.id(call(Role.CASEWORKER, post("/api/requests"), draft(withoutRequested))
                .andExpect(status().isCreated()));
        assertThat(safeguards.ofRequest(UUID.fromString(id))).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        update(id, 1, content("198.51.100.11"));
        clock.advance(Duration.ofMinutes(1));
        update(id, 2, subjectWith("198.51.100.11", "\"protectedRoles\": [\"JOURNALIST\"]"));

        mvc.perform(get("/api/safeguards/requests/" + id + "/assessments").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].assessment.version").value(org.hamcrest.Matchers.contains(2, 3)))
                .andExpect(jsonPath("$[*].assessedBy", everyItem(is(TestAccounts.username(Role.CASEWORKER)))))
                .andExpect(jsonPath("$[0].assessment.findings[?(@.rule == 'protected-role')]", empty()))
                .andExpect(jsonPath("$[1].assessment.findings[?(@.rule == 'protected-role')]", hasSize(1)));
        // Viewing the current version shows the assessment stored with it, not a new one.
        assessment(id).andExpect(jsonPath("$.version").value(3));
        assertThat(safeguards.ofRequest(UUID.fromString(id))).hasSize(2);
    }

    @Test
    void aFailingAssessmentKeepsTheSavedDraftAndSaysSoInTheAuditTrail() throws Exception {
        // The engine's own transaction fails after the database has already refused a statement, the
        // worst case for the enclosing transaction.
        doAnswer(invocation -> {
                    try {
                        jdbc.sql("SELECT 1 / 0").query(Integer.class).single();
                    } catch (RuntimeException expected) {
                        // the transaction is now aborted: the real assessment cannot read or write
                    }
                    return invocation.callRealMethod();
                })
                .when(safeguards)
                .assess(any(AssessmentInput.class), anyString());
        var id = CaseworkApiTest.id(call(Role.CASEWORKER, post("/api/requests"), draft(content("198.51.100.12")))
                .andExpect(status().isCreated()));
        update(id, 1, subjectWith("198.51.100.12", "\"protectedRoles\": [\"LAWYER\"]"));

        mvc.perform(get("/api/requests/" + id).with(CaseworkApiTest.as(Role.CASEWORKER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.content.subjects[0].protectedRoles[0]").value("LAWYER"));
        mvc.perform(get("/api/requests/" + id + "/audit").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(jsonPath("$[*].action")
                        .value(org.hamcrest.Matchers.contains(
                                "created draft" + org.comity.casework.domain.AuditAction.NOT_ASSESSED,
                                "edited draft" + org.comity.casework.domain.AuditAction.NOT_ASSESSED)))
                .andExpect(jsonPath("$[*].actions[0].code")
                        .value(org.hamcrest.Matchers.contains("created-draft", "edited-draft")))
                .andExpect(jsonPath("$[*].assessmentFailed").value(org.hamcrest.Matchers.contains(true, true)));
        assertThat(safeguards.ofRequest(UUID.fromString(id))).isEmpty();

        // Once the engine works again, viewing the version assesses it.
        doCallRealMethod().when(safeguards).assess(any(AssessmentInput.class), anyString());
        assessment(id)
                .andExpect(jsonPath("$.assessed").value(true))
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.findings[?(@.rule == 'protected-role')]", hasSize(1)));
        assertThat(safeguards.ofRequest(UUID.fromString(id))).hasSize(1);
    }

    private void refuse(String id, String ground) throws Exception {
        decide(id, """
                {"outcome": "refused",
                 "reasons": [{"ground": "%s", "explanation": "the request aims at the person"}]}
                """.formatted(ground), "refused");
    }

    private void decide(String id, String decision, String finalState) throws Exception {
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/consultations"), """
                        {"with": "Central Authority of the requesting State", "summary": "no answer on the concerns"}""")
                .andExpect(status().isOk());
        var decided = CaseworkApiTest.JSON.readTree(
                call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), decision)
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        if (decided.get("state").asString().equals("awaiting-decision-approval")) {
            call(Role.SUPERVISOR, post("/api/requests/" + id + "/decision/approval"), CaseworkApiTest.approval(decided))
                    .andExpect(status().isOk());
        }
        mvc.perform(get("/api/requests/" + id).with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(jsonPath("$.state").value(finalState));
    }

    private static String draft(String content) {
        return "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content);
    }

    private void update(String id, long version, String content) throws Exception {
        call(
                        Role.CASEWORKER,
                        put("/api/requests/" + id + "/content"),
                        "{\"expectedVersion\": %d, \"content\": %s}".formatted(version, content))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(version + 1));
    }

    private ResultActions assessment(String id) throws Exception {
        return mvc.perform(get("/api/requests/" + id + "/assessment").with(CaseworkApiTest.as(Role.LEGAL_REVIEWER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assessed").value(true));
    }

    private String registered(String content) throws Exception {
        var id = CaseworkApiTest.id(call(Role.CASEWORKER, post("/api/requests/incoming"), draft(content))
                .andExpect(status().isCreated()));
        // Registration assessed version 1; viewing it must not need a new assessment.
        assertThat(safeguards.ofRequest(UUID.fromString(id)))
                .singleElement()
                .satisfies(s -> assertThat(s.assessment().version()).isEqualTo(1));
        return id;
    }

    private String underReview(String content) throws Exception {
        var id = registered(content);
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/review"), "{}")
                .andExpect(jsonPath("$.state").value("under-review"));
        return id;
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.with(CaseworkApiTest.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
