package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.transparency.LogEntry;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Decisions through the API (issue 13): everything each outcome says is stored and shown afterwards,
 * in the API and on the request page; a second approval names the proposal it approves; a grant the
 * treaty does not oblige rests on another basis, audited and on the public log; a bar an instrument
 * sets stays shut.
 */
@NodeTest
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class DecisionsApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    @Test
    void everyOutcomeKeepsAndShowsEverythingItSays() throws Exception {
        var grant = decided("""
                {"outcome": "granted",
                 "reasons": [{"explanation": "subscriber data only; the offence is serious"}]}
                """);
        assertThat(grant.at("/state").asString()).isEqualTo("granted");
        assertThat(grant.at("/stateDetails/decision/reasons/0/explanation").asString())
                .isEqualTo("subscriber data only; the offence is serious");
        page(grant).contains("subscriber data only; the offence is serious");

        var conditions = decided("""
                {"outcome": "granted-with-conditions",
                 "conditions": ["use only in the fraud proceedings", "no onward transfer"],
                 "reasons": [{"explanation": "speciality protects the account holder"}]}
                """);
        assertThat(conditions.at("/stateDetails/decision/conditions/1").asString())
                .isEqualTo("no onward transfer");
        assertThat(conditions.at("/stateDetails/decision/reasons/0/explanation").asString())
                .isEqualTo("speciality protects the account holder");
        page(conditions)
                .contains(
                        "use only in the fraud proceedings",
                        "no onward transfer",
                        "speciality protects the account holder");

        var partial = decided("""
                {"outcome": "partially-granted", "granted": "subscriber data for January",
                 "refused": "the traffic data",
                 "reasons": [{"ground": "NO_DUAL_CRIMINALITY", "explanation": "not an offence here"},
                             {"ground": "DATA_PROTECTION", "explanation": "retention period exceeded"}]}
                """);
        assertThat(partial.at("/stateDetails/decision/granted").asString()).isEqualTo("subscriber data for January");
        assertThat(partial.at("/stateDetails/decision/refused").asString()).isEqualTo("the traffic data");
        assertThat(partial.at("/stateDetails/decision/reasons").size()).isEqualTo(2);
        page(partial)
                .contains("subscriber data for January", "the traffic data", "not an offence here")
                .contains("retention period exceeded", "No dual criminality");

        var postponed = decided("""
                {"outcome": "postponed", "reason": "a domestic investigation would be prejudiced",
                 "until": "2099-09-30"}
                """);
        assertThat(postponed.at("/stateDetails/decision/until").asString()).isEqualTo("2099-09-30");
        assertThat(postponed.at("/stateDetails/decision/reason").asString())
                .isEqualTo("a domestic investigation would be prejudiced");
        page(postponed).contains("a domestic investigation would be prejudiced", "2099-09-30");

        var refused = decided("""
                {"outcome": "refused",
                 "reasons": [{"ground": "ESSENTIAL_INTERESTS", "explanation": "security of the State"},
                             {"ground": "NOT_IN_CONFORMITY", "explanation": "the request lacks its safeguards"}]}
                """);
        assertThat(refused.at("/stateDetails/decision/reasons/1/ground").asString())
                .isEqualTo("NOT_IN_CONFORMITY");
        page(refused).contains("security of the State", "the request lacks its safeguards", "Essential interests");
    }

    @Test
    void eachOutcomeSaysWhatItLacksOnItsOwnFields() throws Exception {
        var id = consulted(CaseworkApiTest.CONTENT);
        call(Role.LEGAL_REVIEWER, post(path(id) + "/decision"), """
                        {"outcome": "partially-granted", "granted": "January",
                         "reasons": [{"explanation": "no ground given"}]}""")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'refused')].rule").value("refused-part-required"))
                .andExpect(jsonPath("$.errors[?(@.field == 'reasons[0].ground')].rule")
                        .value("ground-required"));
        call(Role.LEGAL_REVIEWER, post(path(id) + "/decision"), """
                        {"outcome": "refused",
                         "reasons": [{"ground": "OTHER", "explanation": "x", "findings": ["no-such-rule"]}]}""")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("reasons[0].findings"))
                .andExpect(jsonPath("$.errors[0].rule").value("unknown-finding"));
    }

    @Test
    void anApprovalNamesTheProposalItApprovesAndAChangedProposalNeedsANewOne() throws Exception {
        var id = consulted(CaseworkSafeguardsTest.ABUSIVE);
        var first = json(call(Role.LEGAL_REVIEWER, post(path(id) + "/decision"), """
                        {"outcome": "refused",
                         "reasons": [{"ground": "PERSECUTION", "explanation": "the request targets a journalist",
                                      "findings": ["offence-within-scope"]}]}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("awaiting-decision-approval")));
        var fingerprint = first.get("proposalFingerprint").asString();
        assertThat(fingerprint).matches("[0-9a-f]{64}");
        assertThat(first.at("/stateDetails/answers").toString()).contains("offence-within-scope", "dual-criminality");

        call(Role.SUPERVISOR, post(path(id) + "/decision/approval"), "{}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("proposal"))
                .andExpect(jsonPath("$.errors[0].rule").value("proposal-required"));

        // Sent back and proposed again with other reasons: the fingerprint read before no longer approves.
        call(Role.SUPERVISOR, post(path(id) + "/decision/rejection"), "{}").andExpect(status().isOk());
        var second = json(
                call(Role.LEGAL_REVIEWER, post(path(id) + "/decision"), """
                        {"outcome": "refused",
                         "reasons": [{"ground": "ESSENTIAL_INTERESTS", "explanation": "freedom of the press"}]}""").andExpect(status().isOk()));
        assertThat(second.get("proposalFingerprint").asString()).isNotEqualTo(fingerprint);
        call(Role.SUPERVISOR, post(path(id) + "/decision/approval"), "{\"proposal\": \"" + fingerprint + "\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("stale-proposal"));
        mvc.perform(get(path(id)).with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(jsonPath("$.state").value("awaiting-decision-approval"));

        call(Role.SUPERVISOR, post(path(id) + "/decision/approval"), CaseworkApiTest.approval(second))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("refused"))
                .andExpect(jsonPath("$.stateDetails.decision.reasons[0].explanation")
                        .value("freedom of the press"))
                .andExpect(jsonPath("$.proposalFingerprint").doesNotExist());
    }

    @Test
    void aGrantTheTreatyDoesNotObligeRestsOnAnotherBasisWithASupervisorsApprovalOnTheAuditAndTheLog() throws Exception {
        // No legal basis named: the treaty does not oblige (legal-basis-in-force is a bar), and nothing else bars.
        var id = consulted(CaseworkApiTest.CONTENT.replace("\"legalBasis\": \"UNCC\",", ""));
        var assessment = json(mvc.perform(get(path(id) + "/assessment").with(CaseworkApiTest.as(Role.LEGAL_REVIEWER))));
        assertThat(assessment.get("hasBar").asBoolean()).isTrue();
        for (var finding : assessment.get("findings")) {
            if (finding.get("severity").asString().equals("BAR")) {
                assertThat(finding.get("rule").asString()).isEqualTo("legal-basis-in-force");
            }
        }

        call(Role.LEGAL_REVIEWER, post(path(id) + "/decision"), "{\"outcome\": \"granted\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("contradicts-bar"));
        call(Role.LEGAL_REVIEWER, post(path(id) + "/decision"), """
                        {"outcome": "granted", "otherBasis": {"kind": "OTHER_INSTRUMENT", "explanation": " "}}""")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[?(@.field == 'otherBasis.instrument')].rule")
                        .value("instrument-required"))
                .andExpect(jsonPath("$.errors[?(@.field == 'otherBasis.explanation')].rule")
                        .value("explanation-required"));

        var proposed = json(call(Role.LEGAL_REVIEWER, post(path(id) + "/decision"), """
                        {"outcome": "granted-with-conditions", "conditions": ["use only for the fraud case"],
                         "reasons": [{"explanation": "the requesting State assists us on the same terms",
                                      "findings": ["legal-basis-in-force"]}],
                         "otherBasis": {"kind": "RECIPROCITY",
                                        "explanation": "XA gave us subscriber data in 2025 without a treaty"}}""")
                .andExpect(status().isOk())
                // Even with nothing else raised, a grant on another basis waits for a supervisor.
                .andExpect(jsonPath("$.state").value("awaiting-decision-approval")));
        call(Role.SUPERVISOR, post(path(id) + "/decision/approval"), CaseworkApiTest.approval(proposed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("granted-with-conditions"))
                .andExpect(jsonPath("$.stateDetails.decision.otherBasis.kind").value("RECIPROCITY"))
                .andExpect(jsonPath("$.stateDetails.decision.otherBasis.explanation")
                        .value("XA gave us subscriber data in 2025 without a treaty"));

        mvc.perform(get(path(id) + "/audit").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(jsonPath("$[?(@.actions[0].code == 'approved-decision')].actions[1].code")
                        .value("on-other-basis"))
                .andExpect(jsonPath("$[?(@.actions[0].code == 'approved-decision')].actions[1].args[0]")
                        .value("reciprocity"))
                .andExpect(jsonPath("$[?(@.actions[0].code == 'approved-decision')].action")
                        .value("approved decision granted-with-conditions; on another basis (reciprocity) despite"
                                + " the bars legal-basis-in-force"));

        var entry = decidedEntry(id);
        assertThat(entry).contains("\"basis\":\"reciprocity\"").contains("\"outcome\":\"granted\"");
        // Only the code reaches the log: nothing typed.
        assertThat(entry).doesNotContain("XA gave us", "fraud case");
        assertThat(LogEntry.parse(entry.getBytes(StandardCharsets.UTF_8))
                        .metadata()
                        .basis())
                .isEqualTo("reciprocity");
        page(json(mvc.perform(get(path(id)).with(CaseworkApiTest.as(Role.AUDITOR)))))
                .contains("Reciprocity", "XA gave us subscriber data in 2025 without a treaty");
    }

    @Test
    void aBarAnInstrumentSetsCannotBeAnsweredByAnotherBasis() throws Exception {
        var id = consulted(CaseworkSafeguardsTest.ABUSIVE);
        var assessment = json(mvc.perform(get(path(id) + "/assessment").with(CaseworkApiTest.as(Role.LEGAL_REVIEWER))));
        // The requested State's policy pack bars it too: no other basis answers what a State's own policy forbids.
        assertThat(assessment.toString()).contains("pack:content-only-for-grave-offences");
        call(Role.SUPERVISOR, post(path(id) + "/decision"), """
                        {"outcome": "granted",
                         "otherBasis": {"kind": "DOMESTIC_LAW", "explanation": "our law allows it"}}""")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("bar-not-overridable"));
        mvc.perform(get(path(id)).with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(jsonPath("$.state").value("under-review"));
    }

    @Test
    void theDecisionBodyHasItsOwnSchemaBesideTheTreatyCalculatorsForm() throws Exception {
        var api = json(mvc.perform(get("/v3/api-docs")));
        var schemas = api.at("/components/schemas");
        assertThat(schemas.has("ProposedDecision")).isTrue();
        assertThat(schemas.at("/ProposedDecision/properties").has("otherBasis")).isTrue();
        assertThat(schemas.at("/DecisionApproval/properties").has("proposal")).isTrue();
        if (schemas.has("DecisionForm")) {
            assertThat(schemas.at("/DecisionForm/properties").has("outcome")).isFalse();
        }
    }

    /** Registers {@code content} as incoming, consults, decides with {@code body}; approves if asked to. */
    private JsonNode decided(String body) throws Exception {
        var id = consulted(CaseworkApiTest.CONTENT);
        var answer = call(Role.LEGAL_REVIEWER, post(path(id) + "/decision"), body);
        assertThat(answer.andReturn().getResponse().getStatus())
                .as(answer.andReturn().getResponse().getContentAsString())
                .isEqualTo(200);
        var view = json(answer);
        if (view.get("state").asString().equals("awaiting-decision-approval")) {
            view = json(call(Role.SUPERVISOR, post(path(id) + "/decision/approval"), CaseworkApiTest.approval(view))
                    .andExpect(status().isOk()));
        }
        // What a later reader gets, not the answer to the change.
        return json(mvc.perform(get(path(id)).with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(status().isOk()));
    }

    private org.assertj.core.api.AbstractStringAssert<?> page(JsonNode view) throws Exception {
        var html = mvc.perform(get("/requests/" + view.get("id").asString())
                        .with(user(TestAccounts.username(Role.AUDITOR)).roles("AUDITOR"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return assertThat(html.substring(html.indexOf("id=\"decision\"")));
    }

    private String decidedEntry(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var entries = jdbc.sql("SELECT convert_from(entry, 'UTF8') FROM log_entry ORDER BY idx")
                    .query(String.class)
                    .list();
            var decided = entries.stream()
                    .filter(e -> e.contains("\"event\":\"request-decided\"") && e.contains("\"basis\""))
                    .toList();
            if (!decided.isEmpty()) {
                return decided.getLast();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the decision on " + id + " never reached the log");
    }

    private String consulted(String content) throws Exception {
        var id = CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests/incoming"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content))
                .andExpect(status().isCreated()));
        call(Role.LEGAL_REVIEWER, post(path(id) + "/review"), "{}").andExpect(status().isOk());
        call(Role.LEGAL_REVIEWER, post(path(id) + "/consultations"), """
                        {"with": "Central Authority", "summary": "asked whether the request could be narrowed"}""").andExpect(status().isOk());
        return id;
    }

    private static String path(String id) {
        return "/api/requests/" + UUID.fromString(id);
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return CaseworkApiTest.JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.with(CaseworkApiTest.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
