package org.comity.safeguards;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

/**
 * What-ifs, reads and replays through the REST API; history across requests comes from stored
 * assessments (stored as casework stores them), never from what-ifs.
 */
@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class SafeguardsApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Safeguards safeguards;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    static String input(String requestId) {
        return """
                {"requestId": "%s", "version": 1, "direction": "INCOMING", "measure": "STORED_DATA",
                 "requesting": "XA", "requested": "XB", "requestDate": "2027-03-01", "legalBasis": "UNCC",
                 "offences": [{"provision": "Penal Code art. 208", "conduct": ["discrediting-armed-forces"]}],
                 "subjects": [{"role": "SUSPECT", "identified": true, "protectedRoles": ["JOURNALIST"],
                               "identifiers": ["account:blog-critic"]}],
                 "data": {"categories": ["SUBSCRIBER"], "from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z"},
                 "conditions": {"authorisingBody": true, "judicialOrIndependent": true, "legalGrounds": true,
                                "proportionality": true},
                 "use": {"speciality": true, "onwardTransferNeedsConsent": true}}
                """.formatted(requestId);
    }

    /** An input as the API reads it. */
    static AssessmentInput parse(String json) {
        return JSON.readValue(json, AssessmentInput.class);
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** Stores an assessment as casework does; the API cannot (it only answers what-ifs). */
    private StoredAssessment store(String input) {
        return safeguards.assess(parse(input), TestAccounts.username(Role.CASEWORKER));
    }

    @Test
    void aWhatIfFindsWithoutStoringAndAStoredAssessmentIsReadAndReplayed() throws Exception {
        var caseworker = httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD);
        var auditor = httpBasic(TestAccounts.username(Role.AUDITOR), TestAccounts.PASSWORD);
        var tried = "00000000-0000-0000-0000-000000000001";
        mvc.perform(post("/api/safeguards/assessments")
                        .with(caseworker)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input(tried)))
                .andExpect(status().isOk())
                // The UNCC is not in force: no legal basis, a bar; bars come first.
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'legal-basis-in-force')].severity")
                        .value("BAR"))
                .andExpect(jsonPath("$.assessment.findings[0].severity").value("BAR"))
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'expression-related-offence')].severity")
                        .value("BAR"))
                .andExpect(jsonPath("$.assessment.inputs.engine").value("safeguards-rules/5"))
                .andExpect(jsonPath("$.id").doesNotExist());
        // Nothing was stored: not an assessment of the request it named, not its subjects.
        mvc.perform(get("/api/safeguards/requests/" + tried + "/assessments").with(auditor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        mvc.perform(post("/api/safeguards/assessments")
                        .with(caseworker)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input("00000000-0000-0000-0000-000000000004")))
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'subject-targeted-repeatedly')]")
                        .isEmpty());

        var id = store(input("00000000-0000-0000-0000-000000000002")).id();
        mvc.perform(get("/api/safeguards/assessments/" + id).with(auditor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assessment.findings[0].citations[0].instrument")
                        .exists());
        mvc.perform(post("/api/safeguards/assessments/" + id + "/replay").with(auditor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sameFindings").value(true))
                .andExpect(jsonPath("$.changedInputs").isEmpty());

        // Another request about the same account: the pattern note comes from the stored one.
        mvc.perform(post("/api/safeguards/assessments")
                        .with(caseworker)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input("00000000-0000-0000-0000-000000000003")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'subject-targeted-repeatedly')].severity")
                        .value("NOTE"));
        mvc.perform(post("/api/safeguards/assessments")
                        .with(auditor)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input("00000000-0000-0000-0000-000000000003")))
                .andExpect(status().isForbidden());
    }

    /** A State the registry does not hold (YY: neither listed nor user-assigned) has no legal basis: a bar. */
    @Test
    void aStateOutsideTheRegistryHasNoLegalBasis() throws Exception {
        mvc.perform(post("/api/safeguards/assessments")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input("00000000-0000-0000-0000-000000000005")
                                .replace("\"requested\": \"XB\"", "\"requested\": \"YY\"")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'legal-basis-in-force')].severity")
                        .value("BAR"))
                .andExpect(jsonPath("$.assessment.inputs.legalBasis").value("2027-03-01;UNCC=NO"));
    }

    @Test
    void aConductCodeOutsideTheVocabularyIsRefusedWithItsField() throws Exception {
        var caseworker = httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD);
        mvc.perform(post("/api/safeguards/assessments")
                        .with(caseworker)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input("00000000-0000-0000-0000-000000000009")
                                .replace("discrediting-armed-forces", "armed-forces-discrediting")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("offences[0].conduct"))
                .andExpect(jsonPath("$.errors[0].rule").value("unknown-conduct"));
    }

    @Test
    void anIdentifierALaterVersionDroppedNoLongerCountsForPatterns() throws Exception {
        var first = "00000000-0000-0000-0000-000000000011";
        store(version(input(first).replace("account:blog-critic", "account:mistyped"), 1));
        store(version(input(first).replace("account:blog-critic", "account:corrected"), 2));
        // Assessing the old version again (late) does not bring the dropped identifier back.
        store(version(input(first).replace("account:blog-critic", "account:mistyped"), 1));

        assess(input("00000000-0000-0000-0000-000000000012").replace("account:blog-critic", "account:mistyped"))
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'subject-targeted-repeatedly')]")
                        .isEmpty());
        assess(input("00000000-0000-0000-0000-000000000013").replace("account:blog-critic", "account:corrected"))
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'subject-targeted-repeatedly')].severity")
                        .value("NOTE"));
    }

    private static String version(String input, long version) {
        return input.replace("\"version\": 1", "\"version\": " + version);
    }

    /** The API's what-if for this input. */
    private org.springframework.test.web.servlet.ResultActions assess(String input) throws Exception {
        return mvc.perform(post("/api/safeguards/assessments")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input))
                .andExpect(status().isOk());
    }
}
