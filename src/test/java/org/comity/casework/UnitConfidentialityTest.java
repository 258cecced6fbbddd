package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/**
 * Confidentiality between units beyond the request endpoints: a request's assessments are seen by
 * exactly those who see the request, nobody stores an assessment of a request but casework, a request
 * is worked on only by those who may see it, and whoever wrote its content cannot be its second pair
 * of eyes. Two units: anna (caseworker) and emil, fern (supervisors) in mla-east; bruno (caseworker)
 * in mla-west; carla (caseworker) in none; dora (auditor) in mla-west.
 */
@NodeTest
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class UnitConfidentialityTest {

    static final String PASSWORD = "a long enough passphrase";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @BeforeEach
    void accountsInTwoUnits() {
        register("anna", Set.of(Role.CASEWORKER), "mla-east");
        register("bruno", Set.of(Role.CASEWORKER), "mla-west");
        register("carla", Set.of(Role.CASEWORKER), null);
        register("dora", Set.of(Role.AUDITOR), "mla-west");
        register("emil", Set.of(Role.SUPERVISOR), "mla-east");
        register("fern", Set.of(Role.CASEWORKER, Role.SUPERVISOR), "mla-east");
        register("gus", Set.of(Role.SUPERVISOR), "mla-west");
        FictionalUncc.inForce(treaties);
    }

    void register(String username, Set<Role> roles, String unit) {
        if (accounts.find(username).isEmpty()) {
            accounts.register(new NewAccount(username, username, roles, PASSWORD, Optional.ofNullable(unit)), "test");
        }
    }

    static RequestPostProcessor as(String username) {
        return httpBasic(username, PASSWORD);
    }

    /** The complete XA-to-XB request of the casework tests, about a subject found by this e-mail only. */
    static String content(String email) {
        var content = CaseworkApiTest.CONTENT.replaceAll(
                "(?s)\\{\"type\": \"IP_ADDRESS\".*?\"Europe/Paris\"}",
                "{\"type\": \"EMAIL\", \"value\": \"" + email + "\"}");
        assertThat(content).contains(email).doesNotContain("IP_ADDRESS");
        return content;
    }

    ResultActions call(String user, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(
                request.with(as(user)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    JsonNode json(ResultActions result) throws Exception {
        return CaseworkApiTest.JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    String draft(String user, String email) throws Exception {
        return json(call(
                                user,
                                post("/api/requests"),
                                "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content(email)))
                        .andExpect(status().isCreated()))
                .get("id")
                .asString();
    }

    /**
     * With an API token the unit comes from the account the token's check loaded on the same call (no
     * second look-up): the same rule as with a password, and a change of unit holds from the next call.
     */
    @Test
    void aTokenSeesWhatItsAccountsUnitSeesAndAChangeOfUnitHoldsAtOnce() throws Exception {
        register("hedda", Set.of(Role.CASEWORKER), "mla-west");
        var id = draft("anna", "token-unit@example.org");
        var anna = accounts.issueToken("anna", "test", java.time.Duration.ofHours(1))
                .secret();
        var hedda = accounts.issueToken("hedda", "test", java.time.Duration.ofHours(1))
                .secret();

        mvc.perform(get("/api/requests/" + id).header("Authorization", "Bearer " + anna))
                .andExpect(status().isOk());
        mvc.perform(get("/api/requests/" + id).header("Authorization", "Bearer " + hedda))
                .andExpect(status().isNotFound());

        accounts.setUnit("hedda", Optional.of("mla-east"), "test");
        mvc.perform(get("/api/requests/" + id).header("Authorization", "Bearer " + hedda))
                .andExpect(status().isOk());
        accounts.setUnit("hedda", Optional.of("mla-west"), "test");
        mvc.perform(get("/api/requests/" + id).header("Authorization", "Bearer " + hedda))
                .andExpect(status().isNotFound());
    }

    /** The current version's assessment as casework shows it. */
    JsonNode assessment(String user, String id) throws Exception {
        return json(mvc.perform(get("/api/requests/" + id + "/assessment").with(as(user)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assessed").value(true)));
    }

    /** An assessment input as the safeguards API takes it, naming one request and version. */
    static String input(String requestId, long version, String subjects) {
        return """
                {"requestId": "%s", "version": %d, "direction": "OUTGOING", "measure": "STORED_DATA",
                 "requesting": "XA", "requested": "XB", "requestDate": "2026-03-02", "legalBasis": "UNCC",
                 "offences": [{"provision": "Penal Code art. 208", "conduct": ["discrediting-armed-forces"]}],
                 "subjects": %s,
                 "data": {"categories": ["SUBSCRIBER"], "from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z"},
                 "conditions": {"authorisingBody": true, "judicialOrIndependent": true, "legalGrounds": true,
                                "proportionality": true},
                 "use": {"speciality": true, "onwardTransferNeedsConsent": true}}
                """.formatted(requestId, version, subjects);
    }

    @Test
    void anotherUnitSeesNoneOfARequestsAssessments() throws Exception {
        var id = draft("anna", "east-only@example.org");
        var assessmentId = assessment("anna", id).get("id").asString();

        for (var outsider : new String[] {"bruno", "gus"}) {
            mvc.perform(get("/api/requests/" + id).with(as(outsider))).andExpect(status().isNotFound());
            mvc.perform(get("/api/safeguards/requests/" + id + "/assessments").with(as(outsider)))
                    .andExpect(status().isNotFound())
                    .andExpect(content -> assertThat(content.getResponse().getContentAsString())
                            .doesNotContain("east-only"));
            mvc.perform(get("/api/safeguards/assessments/" + assessmentId).with(as(outsider)))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/api/safeguards/assessments/" + assessmentId + "/replay")
                            .with(as(outsider)))
                    .andExpect(status().isNotFound());
        }
        // Those who see the request see its assessments: its unit, unit-less accounts and auditors.
        for (var insider : new String[] {"anna", "emil", "carla", "dora"}) {
            mvc.perform(get("/api/safeguards/requests/" + id + "/assessments").with(as(insider)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$[*].id", hasItem(assessmentId)));
            mvc.perform(get("/api/safeguards/assessments/" + assessmentId).with(as(insider)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.input.subjects[0].identifiers[0]").value("email:east-only@example.org"));
            mvc.perform(post("/api/safeguards/assessments/" + assessmentId + "/replay")
                            .with(as(insider)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.sameFindings").value(true));
        }
        // An id that names no request tells a confined user nothing either.
        mvc.perform(get("/api/safeguards/requests/" + UUID.randomUUID() + "/assessments")
                        .with(as("bruno")))
                .andExpect(status().isNotFound());
    }

    @Test
    void theSafeguardsApiCannotOverwriteARequestsAssessment() throws Exception {
        var id = draft("anna", "overwrite@example.org");
        var before = assessment("anna", id);
        assertThat(before.get("assessedBy").asString()).isEqualTo("anna");

        // Another unit's caseworker, and the request's own caseworker, try to put other findings on it.
        for (var forger : new String[] {"bruno", "anna"}) {
            // (Accepted as a what-if; what matters is what casework shows afterwards.)
            call(forger, post("/api/safeguards/assessments"), input(id, 1, "[]"))
                    .andExpect(status().is2xxSuccessful())
                    .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'expression-related-offence')]")
                            .isNotEmpty());
        }

        var after = assessment("anna", id);
        assertThat(after.get("id").asString()).isEqualTo(before.get("id").asString());
        assertThat(after.get("assessedBy").asString()).isEqualTo("anna");
        assertThat(after.get("findings")).isEqualTo(before.get("findings"));
        mvc.perform(get("/api/safeguards/requests/" + id + "/assessments").with(as("anna")))
                .andExpect(jsonPath("$.length()").value(1));
    }

    @Test
    void forgedAssessmentsWithoutIdentifiersCannotEraseARepeatTargetingConcern() throws Exception {
        var email = "targeted@example.org";
        var first = draft("anna", email);
        var second = draft("anna", email);
        mvc.perform(get("/api/requests/" + second + "/assessment").with(as("anna")))
                .andExpect(jsonPath("$.findings[?(@.rule == 'subject-targeted-repeatedly')]")
                        .isNotEmpty());

        // "Assessments" of both earlier requests, at a later version, that name nobody.
        var noIdentifiers = "[{\"role\": \"SUSPECT\", \"identified\": false}]";
        call("bruno", post("/api/safeguards/assessments"), input(first, 99, noIdentifiers))
                .andExpect(status().is2xxSuccessful());
        call("anna", post("/api/safeguards/assessments"), input(second, 99, noIdentifiers))
                .andExpect(status().is2xxSuccessful());

        var third = draft("anna", email);
        mvc.perform(get("/api/requests/" + third + "/assessment").with(as("anna")))
                .andExpect(jsonPath("$.findings[?(@.rule == 'subject-targeted-repeatedly')].explanation")
                        .value(hasItem(containsString("2 earlier requests"))));
    }

    @Test
    void aRequestIsAssignedOnlyToSomeoneWhoMaySeeIt() throws Exception {
        var id = draft("anna", "assigned@example.org");
        call("emil", post("/api/requests/" + id + "/assignment"), "{\"assignee\": \"bruno\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("assignee"))
                .andExpect(jsonPath("$.errors[0].rule").value("assignee-unit"));
        mvc.perform(get("/api/requests/" + id).with(as("anna")))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.assignee").doesNotExist());

        call("emil", post("/api/requests/" + id + "/assignment"), "{\"assignee\": \"fern\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assignee").value("fern"));
        // An account of no unit sees every request, so it may be given any.
        call("emil", post("/api/requests/" + id + "/assignment"), "{\"assignee\": \"carla\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assignee").value("carla"));
    }

    @Test
    void whoeverEditedTheContentCannotApproveSendingIt() throws Exception {
        var id = draft("anna", "edited@example.org");
        // fern, a supervisor who is also a caseworker, rewrites the purpose; anna proposes sending.
        call(
                        "fern",
                        put("/api/requests/" + id + "/content"),
                        "{\"expectedVersion\": 1, \"content\": %s}"
                                .formatted(content("edited@example.org")
                                        .replace(
                                                "Identify the operator of the site for prosecution.",
                                                "Identify the operator, and everyone who ever wrote to them.")))
                .andExpect(status().isOk());
        call("anna", post("/api/requests/" + id + "/sending"), "{\"expectedVersion\": 2}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("awaiting-send-approval"));

        call("fern", post("/api/requests/" + id + "/sending/approval"), "{}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("four-eyes-content-author"));
        call("emil", post("/api/requests/" + id + "/sending/approval"), "{}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("submitted"));
    }
}
