package org.comity.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The bad inputs a probe of a node found answered with a 500, a nameless 4xx or silently accepted: each
 * is now a 4xx problem naming the field and the rule. The States are fictional (XA, XB).
 */
@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class BadInputTest {

    /** A valid assessment input; tests break one part of it. */
    private static final String ASSESSMENT = """
            {"requestId": "00000000-0000-0000-0000-0000000000b1", "version": 1, "direction": "INCOMING",
             "measure": "STORED_DATA", "requesting": "XA", "requested": "XB", "requestDate": "2027-03-01",
             "offences": [{"provision": "Penal Code s. 301", "conduct": ["ict-theft-or-fraud"]}]}
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    @Test
    void aNullAssessmentBodyIsRefusedNamingTheBody() throws Exception {
        call(post("/api/safeguards/assessments"), "null")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/malformed-body"))
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].rule").value("body-required"));
    }

    @Test
    void aNulCharacterInATextFieldIsRefusedNamingTheField() throws Exception {
        call(post("/api/requests"), "{\"kind\": \"STORED_DATA\", \"content\": {\"summaryOfFacts\": \"a\\u0000b\"}}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("/problems/invalid-input"))
                .andExpect(jsonPath("$.errors[0].field").value("content.summaryOfFacts"))
                .andExpect(jsonPath("$.errors[0].rule").value("text-characters"));
        // In a list of strings too, with the index.
        call(
                        post("/api/safeguards/assessments"),
                        ASSESSMENT.replace(
                                "\"offences\"",
                                "\"subjects\": [{\"identifiers\": [\"a\", \"\\u0000\"]}], \"offences\""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("subjects[0].identifiers[1]"))
                .andExpect(jsonPath("$.errors[0].rule").value("text-characters"));
    }

    @Test
    void aNulCharacterInAQueryParameterIsRefusedNamingTheParameter() throws Exception {
        mvc.perform(get("/api/requests").with(caseworker()).param("q", "fraud\u0000"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("q"))
                .andExpect(jsonPath("$.errors[0].rule").value("text-characters"))
                .andExpect(content().string(not(containsString("stored rule"))));
    }

    @Test
    void aLoneSurrogateIsRefusedRatherThanStoredAsAQuestionMark() throws Exception {
        call(post("/api/requests"), "{\"kind\": \"STORED_DATA\", \"content\": {\"summaryOfFacts\": \"x\\uD800y\"}}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("content.summaryOfFacts"))
                .andExpect(jsonPath("$.errors[0].rule").value("text-characters"));
        mvc.perform(get("/api/requests").with(caseworker()).param("q", "x\uDC00"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("q"));
        // A pair (an emoji) is text like any other.
        call(
                        post("/api/requests"),
                        "{\"kind\": \"STORED_DATA\", \"content\": {\"summaryOfFacts\": \"x\\uD83D\\uDE00\"}}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.content.summaryOfFacts").value("x\uD83D\uDE00"));
    }

    @Test
    void anOutOfRangeNumberNamesTheField() throws Exception {
        call(post("/api/requests/" + UUID.randomUUID() + "/assignment"), """
                        {"expectedVersion": 99999999999999999999, "assignee": "someone"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("expectedVersion"))
                .andExpect(jsonPath("$.errors[0].rule").value("number-range"));
        call(post("/api/safeguards/assessments"), ASSESSMENT.replace("\"version\": 1", "\"version\": 1e400"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
    }

    @Test
    void aFractionIsNotReadAsAWholeNumber() throws Exception {
        var id = created(call(post("/api/requests"), "{\"kind\": \"STORED_DATA\", \"content\": {}}"));
        call(put("/api/requests/" + id + "/content"), "{\"expectedVersion\": 1.5, \"content\": {}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("/problems/malformed-body"))
                .andExpect(jsonPath("$.errors[0].field").value("expectedVersion"))
                .andExpect(jsonPath("$.errors[0].rule").value("integer"));
        call(put("/api/requests/" + id + "/content"), "{\"expectedVersion\": 1, \"content\": {}}")
                .andExpect(status().isOk());
    }

    @Test
    void assessmentInputErrorsNameTheField() throws Exception {
        call(post("/api/safeguards/assessments"), ASSESSMENT.replace("\"XB\"", "\"XA\""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("/problems/invalid-input"))
                .andExpect(jsonPath("$.errors[0].field").value("requested"))
                .andExpect(jsonPath("$.errors[0].rule").value("states-differ"));
        call(
                        post("/api/safeguards/assessments"),
                        ASSESSMENT.replace("\"conduct\"", "\"maximumPenaltyMonths\": 5000, \"conduct\""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("offences[0].maximumPenaltyMonths"))
                .andExpect(jsonPath("$.errors[0].rule").value("penalty-range"));
        call(post("/api/safeguards/assessments"), ASSESSMENT.replace("\"STORED_DATA\"", "\"TELEPATHY\""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("measure"));
        call(post("/api/safeguards/assessments"), ASSESSMENT.replace("\"requestDate\": \"2027-03-01\",", ""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("requestDate"))
                .andExpect(jsonPath("$.errors[0].rule").value("required"));
        // Omitted booleans still mean false, as the direct API always allowed.
        call(post("/api/safeguards/assessments"), ASSESSMENT).andExpect(status().is2xxSuccessful());
    }

    @Test
    void anUnknownListFilterIsRefusedRatherThanAnsweredWithNothing() throws Exception {
        mvc.perform(get("/api/requests").with(caseworker()).param("state", "BOGUS"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("state"))
                .andExpect(jsonPath("$.errors[0].rule").value("unknown-state"));
        mvc.perform(get("/api/requests").with(caseworker()).param("state", "under-review"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/requests").with(caseworker()).param("kind", "BOGUS"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));
        mvc.perform(get("/api/treaty/actions").with(caseworker()).param("instrument", "BOGUS"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("instrument"))
                .andExpect(jsonPath("$.errors[0].rule").value("unknown-instrument"));
        mvc.perform(get("/api/treaty/actions").with(caseworker()).param("instrument", "UNCC"))
                .andExpect(status().isOk());
    }

    @Test
    void aMissingRequiredParameterIsNamed() throws Exception {
        mvc.perform(get("/api/treaty/status").with(caseworker()).param("instrument", "UNCC"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("state"))
                .andExpect(jsonPath("$.errors[0].rule").value("required"));
    }

    @Test
    void aNulCharacterInCredentialsIsAFailedSignInNotAnError() throws Exception {
        mvc.perform(get("/api/me").with(httpBasic("test-\u0000caseworker", TestAccounts.PASSWORD)))
                .andExpect(status().isUnauthorized());
        // Spring Security's firewall refuses control characters in headers before sign-in is tried.
        mvc.perform(get("/api/me").header("Authorization", "Bearer comity_\u0000\uD800"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/me").header("Authorization", "Bearer comity_\uD800"))
                .andExpect(status().is4xxClientError());
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.with(caseworker())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private static String created(ResultActions result) throws Exception {
        return result.andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString()
                .replaceAll("(?s).*?\"id\":\"([0-9a-f-]{36})\".*", "$1");
    }

    private static RequestPostProcessor caseworker() {
        return httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD);
    }
}
