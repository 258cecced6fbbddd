package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.safeguards.policy.PolicyPackFile;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Administrators import policy pack versions: a valid one becomes current at once and changes fresh
 * assessments while replays keep the version they used; a broken one is refused with every line, an
 * old version with a conflict, and every attempt is audited.
 */
@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class PolicyPackImportTest {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    /** XB's latest shipped pack as version 3, with a subject threshold of one and one more rule. */
    static final String XB_3 = Kit.resource("safeguards/policy-packs/XB-2.yaml")
                    .replace("version: 2", "version: 3")
                    .replace("settings:\n", "settings:\n  many_subjects: 1\n")
            + """
              - id: fraud-needs-a-victim-statement
                severity: note
                when: request.offences.exists(o, 'ict-theft-or-fraud' in o.conduct)
                cite: [proportionality]
                fields: [offences]
                explanation: Fraud requests are executed with a statement of the victim's loss.
                resolution: Attach the victim's statement.
            """;

    /** Three problems, on lines 5, 9 and 10. */
    static final String BROKEN = """
            pack: xb-central-authority
            state: XB
            version: 3
            settings:
              many_subjects: none
            rules:
              - id: broken
                severity: bar
                when: request.max_months <
                cite: [no-such-key]
                explanation: x
                resolution: y
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Safeguards safeguards;

    @Autowired
    PolicyPackAdministration packs;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    static RequestPostProcessor basic(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }

    static String input(String requestId, String account) {
        return """
                {"requestId": "%s", "version": 1, "direction": "INCOMING", "measure": "STORED_DATA",
                 "requesting": "QM", "requested": "XB", "requestDate": "2027-03-01", "legalBasis": "UNCC",
                 "offences": [{"provision": "Penal Law § 6", "conduct": ["ict-theft-or-fraud"],
                               "maximumPenaltyMonths": 60}],
                 "subjects": [{"role": "ACCOUNT_HOLDER", "identified": true, "identifiers": ["account:%s-1"]},
                              {"role": "ACCOUNT_HOLDER", "identified": true, "identifiers": ["account:%s-2"]}],
                 "data": {"categories": ["SUBSCRIBER"], "from": "2026-01-01T00:00:00Z", "to": "2026-02-01T00:00:00Z"},
                 "conditions": {"authorisingBody": true, "judicialOrIndependent": true, "legalGrounds": true,
                                "proportionality": true},
                 "use": {"speciality": true, "onwardTransferNeedsConsent": true}}
                """.formatted(requestId, account, account);
    }

    /** What the API's what-if finds for this input now, as JSON. */
    String assess(String requestId, String account) throws Exception {
        var body = mvc.perform(post("/api/safeguards/assessments")
                        .with(basic(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(input(requestId, account)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return body;
    }

    /** An assessment stored as casework stores one (only casework does), for replaying later. */
    StoredAssessment store(String requestId, String account) {
        return safeguards.assess(
                SafeguardsApiTest.parse(input(requestId, account)), TestAccounts.username(Role.CASEWORKER));
    }

    @Test
    void aValidPackBecomesCurrentChangesFreshAssessmentsAndReplayKeepsTheOldVersion() throws Exception {
        assertThat(PolicyPackFile.read("XB-3.yaml", XB_3, Kit.CITATIONS).version())
                .isEqualTo(3);
        var before = store("00000000-0000-0000-0000-00000000a001", "before");
        assertThat(before.assessment().inputs().policyPack()).startsWith("xb-central-authority@2(");
        assertThat(before.assessment().findings()).extracting(Finding::rule).doesNotContain("number-of-subjects");

        mvc.perform(post("/api/safeguards/policy-packs?source=XB-3.yaml")
                        .with(basic(Role.ADMIN))
                        .contentType(YAML)
                        .content(XB_3))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("XB"))
                .andExpect(jsonPath("$.version").value(3))
                .andExpect(jsonPath("$.current").value(true))
                .andExpect(jsonPath("$.importedBy").value(TestAccounts.username(Role.ADMIN)))
                .andExpect(jsonPath("$.source").value("XB-3.yaml"))
                .andExpect(jsonPath("$.thresholds").value(org.hamcrest.Matchers.containsString("many_subjects=1")))
                .andExpect(jsonPath("$.sha256").value(org.comity.shared.Sha256.hex(XB_3)));

        mvc.perform(get("/api/safeguards/policy-packs").with(basic(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.state == 'XB')].version", contains(3, 2, 1)))
                .andExpect(jsonPath("$[?(@.state == 'XB')].current", contains(true, false, false)))
                .andExpect(jsonPath(
                        "$[?(@.state == 'XB' && @.version == 1)].source",
                        contains("classpath:safeguards/policy-packs/XB-1.yaml")));
        mvc.perform(get("/api/safeguards/policy-packs/XB/3").with(basic(Role.ADMIN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rules", hasItem("fraud-needs-a-victim-statement")));

        // The next assessment uses version 3: two subjects are now more than the pack allows.
        var after = assess("00000000-0000-0000-0000-00000000a002", "after");
        assertThat(after)
                .contains("\"policyPack\":\"xb-central-authority@3(")
                .contains("\"rule\":\"number-of-subjects\"")
                .contains("\"rule\":\"pack:fraud-needs-a-victim-statement\"")
                .contains("\"thresholds\":\"long_period_days=732;many_subjects=1;");

        // The earlier assessment replays with version 2, exactly.
        mvc.perform(post("/api/safeguards/assessments/" + before.id() + "/replay")
                        .with(basic(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sameFindings").value(true))
                .andExpect(jsonPath("$.changedInputs").isEmpty())
                .andExpect(jsonPath("$.replayed.inputs.policyPack").value(startsWith("xb-central-authority@2(")))
                .andExpect(jsonPath("$.replayed.findings[*].rule", not(hasItem("number-of-subjects"))));

        mvc.perform(get("/api/safeguards/policy-packs/imports").with(basic(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.outcome == 'accepted')].version", hasItem(3)));

        // What a restart loads: the shipped packs and the stored ones, checked again.
        packs.reloadPolicyPacks();
        assertThat(packs.policyPackVersions())
                .filteredOn(v -> v.state().value().equals("XB"))
                .extracting(v -> v.version() + (v.current() ? " current" : "") + " " + v.importedBy())
                .containsExactly("3 current " + TestAccounts.username(Role.ADMIN), "2 null", "1 null");
    }

    @Test
    void aBrokenPackIsRefusedWithEveryLineAndNothingIsStored() throws Exception {
        mvc.perform(post("/api/safeguards/policy-packs?source=XB-3.yaml")
                        .with(basic(Role.ADMIN))
                        .contentType(MediaType.parseMediaType("text/yaml"))
                        .content(BROKEN))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[*].field", hasItems("line 5", "line 9", "line 10")))
                .andExpect(jsonPath("$.errors[*].rule", hasItem("policy-pack-invalid")))
                .andExpect(jsonPath(
                        "$.errors[?(@.field == 'line 10')].message",
                        hasItem(org.hamcrest.Matchers.containsString("no-such-key"))));

        mvc.perform(get("/api/safeguards/policy-packs").with(basic(Role.ADMIN)))
                .andExpect(jsonPath("$[?(@.state == 'XB')].version", not(hasItem(3))));
        mvc.perform(get("/api/safeguards/policy-packs/XB/3").with(basic(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/safeguards/policy-packs/imports").with(basic(Role.ADMIN)))
                .andExpect(jsonPath("$[?(@.outcome == 'invalid' && @.version == 3)].problems", hasItem(3)))
                .andExpect(jsonPath("$[?(@.outcome == 'invalid' && @.version == 3)].state", hasItem("XB")));
    }

    @Test
    void aVersionNotAboveTheCurrentOneIsAConflict() throws Exception {
        var qm1 = Kit.resource("safeguards/policy-packs/QM-1.yaml");
        mvc.perform(post("/api/safeguards/policy-packs")
                        .with(basic(Role.ADMIN))
                        .contentType(YAML)
                        .content(qm1))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("policy-pack-version-not-greater"));
        mvc.perform(get("/api/safeguards/policy-packs/imports").with(basic(Role.ADMIN)))
                .andExpect(jsonPath("$[?(@.state == 'QM')].outcome", hasItem("version-not-greater")));
        mvc.perform(get("/api/safeguards/policy-packs").with(basic(Role.ADMIN)))
                .andExpect(jsonPath("$[?(@.state == 'QM')].version", contains(1)));
    }

    @Test
    void onlyAdministratorsImport() throws Exception {
        for (Role role : new Role[] {Role.CASEWORKER, Role.SUPERVISOR, Role.AUDITOR}) {
            mvc.perform(post("/api/safeguards/policy-packs")
                            .with(basic(role))
                            .contentType(YAML)
                            .content(XB_3.replace("version: 3", "version: 7")))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/api/safeguards/policy-packs/XB/7").with(basic(Role.ADMIN)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/admin/policy-packs")
                        .with(user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
    }

    @Test
    void theConsolePageShowsPacksAndTheProblemsWithTheirLinesNextToTheFile() throws Exception {
        var admin = user(TestAccounts.username(Role.ADMIN)).roles("ADMIN");
        var page = mvc.perform(get("/admin/policy-packs").with(admin).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Policy packs")
                .contains("xb-central-authority")
                .contains("classpath:safeguards/policy-packs/QM-1.yaml")
                .contains("enctype=\"multipart/form-data\"");

        var refused = mvc.perform(multipart("/admin/policy-packs")
                        .file(new MockMultipartFile(
                                "file", "XB-3.yaml", "application/yaml", BROKEN.getBytes(StandardCharsets.UTF_8)))
                        .with(admin)
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        int input = refused.indexOf("id=\"file\"");
        var nextToTheInput = refused.substring(input, refused.indexOf("</form>", input));
        assertThat(nextToTheInput)
                .contains("aria-describedby=\"file-hint file-error\"")
                .contains("aria-invalid=\"true\"")
                .contains("id=\"file-error\"")
                .contains("<code>line 5</code>")
                .contains("<code>line 9</code>")
                .contains("<code>line 10</code>")
                .contains("no citation key &#39;no-such-key&#39;");
        assertThat(refused)
                .contains("has 3 problem(s); nothing was imported")
                .contains("refused: problems in the file");

        var french = mvc.perform(get("/admin/policy-packs?lang=fr").with(admin).accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(french).contains("Packs de politique").contains("Importer une nouvelle version");
    }
}
