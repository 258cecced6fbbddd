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

/** Assess, read, replay through the REST API; history across requests comes from stored assessments. */
@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class SafeguardsApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

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

    @Test
    void assessReadAndReplay() throws Exception {
        var caseworker = httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD);
        var body = mvc.perform(post("/api/safeguards/assessments")
                        .with(caseworker)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input("00000000-0000-0000-0000-000000000001")))
                .andExpect(status().isCreated())
                // The UNCC is not in force: no legal basis, a bar; bars come first.
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'legal-basis-in-force')].severity")
                        .value("BAR"))
                .andExpect(jsonPath("$.assessment.findings[0].severity").value("BAR"))
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'expression-related-offence')].severity")
                        .value("BAR"))
                .andExpect(jsonPath("$.assessment.inputs.engine").value("safeguards-rules/3"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = body.replaceAll("(?s).*?\"id\":\"([0-9a-f-]{36})\".*", "$1");

        var auditor = httpBasic(TestAccounts.username(Role.AUDITOR), TestAccounts.PASSWORD);
        mvc.perform(get("/api/safeguards/assessments/" + id).with(auditor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assessment.findings[0].citations[0].instrument")
                        .exists());
        mvc.perform(post("/api/safeguards/assessments/" + id + "/replay").with(auditor))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sameFindings").value(true))
                .andExpect(jsonPath("$.changedInputs").isEmpty());

        // A second request about the same account: the pattern note comes from the stored first one.
        mvc.perform(post("/api/safeguards/assessments")
                        .with(caseworker)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input("00000000-0000-0000-0000-000000000002")))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.assessment.findings[?(@.rule == 'subject-targeted-repeatedly')].severity")
                        .value("NOTE"));
        mvc.perform(post("/api/safeguards/assessments")
                        .with(auditor)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input("00000000-0000-0000-0000-000000000003")))
                .andExpect(status().isForbidden());
    }

    @Test
    void anIdentifierALaterVersionDroppedNoLongerCountsForPatterns() throws Exception {
        var first = "00000000-0000-0000-0000-000000000011";
        assess(version(input(first).replace("account:blog-critic", "account:mistyped"), 1));
        assess(version(input(first).replace("account:blog-critic", "account:corrected"), 2));
        // Assessing the old version again (late) does not bring the dropped identifier back.
        assess(version(input(first).replace("account:blog-critic", "account:mistyped"), 1));

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

    private org.springframework.test.web.servlet.ResultActions assess(String input) throws Exception {
        return mvc.perform(post("/api/safeguards/assessments")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input))
                .andExpect(status().isCreated());
    }
}
