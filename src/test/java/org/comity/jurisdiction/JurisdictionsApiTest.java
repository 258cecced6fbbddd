package org.comity.jurisdiction;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@NodeTest
class JurisdictionsApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Jurisdictions jurisdictions;

    @Autowired
    SeedProfiles seeds;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    static RequestPostProcessor as(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }

    @Test
    void shippedProfilesAreThereAtFirstStart() throws Exception {
        mvc.perform(get("/api/jurisdictions").with(as(Role.CASEWORKER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.state == 'XB')].fictional").value(true));
    }

    /** The published shape of the vocabulary: the Convention's categories first, each group by code. */
    @Test
    void theConductVocabularyKeepsItsShapeAndOrder() throws Exception {
        mvc.perform(get("/api/jurisdictions/conduct").with(as(Role.CASEWORKER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(41))
                .andExpect(jsonPath("$[0].code").value("child-sexual-abuse-material"))
                .andExpect(jsonPath("$[0].title").value("Child sexual abuse or exploitation material"))
                .andExpect(jsonPath("$[0].convention").value(true))
                .andExpect(jsonPath("$[0].citation").value("UNCC:14"))
                .andExpect(jsonPath("$[0].length()").value(5))
                .andExpect(jsonPath("$[10].code").value("system-interference"))
                .andExpect(jsonPath("$[11].code").value("blasphemy"))
                .andExpect(jsonPath("$[11].convention").value(false))
                .andExpect(jsonPath("$[11].citation").value(nullValue()))
                .andExpect(jsonPath("$[11]", hasKey("citation")))
                .andExpect(jsonPath("$[11].meaning").value(org.hamcrest.Matchers.startsWith("Speech or acts")))
                .andExpect(jsonPath("$[40].code").value("undesirable-organisation"));
    }

    @Test
    void criminalityWithMaximumAndSeriousness() throws Exception {
        mvc.perform(get("/api/jurisdictions/XB/criminality?conduct=illegal-access")
                        .with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("criminal"))
                .andExpect(jsonPath("$.maximum.months").value(60))
                .andExpect(jsonPath("$.serious").value(true))
                .andExpect(jsonPath("$.offences[0].provision").value("Criminal Code s. 11"));
        mvc.perform(get("/api/jurisdictions/XA/criminality?conduct=drug-trafficking")
                        .with(as(Role.AUDITOR)))
                .andExpect(jsonPath("$.maximum.death").value(true));
    }

    /**
     * A release that corrects a shipped profile (FR 323-1, say) must reach nodes seeded by an earlier
     * release; a profile an administrator imported is never overwritten.
     */
    @Test
    void aLaterReleaseCorrectsTheProfileItSeededButNotOneAnAdministratorImported() throws Exception {
        var shipped = Jurisdictions.classpath("jurisdiction/profiles/QM.yaml");
        var outdated = shipped.replace("max_penalty: {life: true}", "max_penalty: {months: 240}");
        var qm = org.comity.shared.CountryCode.of("QM");
        java.util.function.Supplier<MaxPenalty> murder =
                () -> jurisdictions.profile(qm).orElseThrow().offences().stream()
                        .filter(o -> o.provision().equals("Penal Law § 20"))
                        .findFirst()
                        .orElseThrow()
                        .maxPenalty();
        try {
            jurisdictions.importProfile(outdated, SeedProfiles.SEED, "QM.yaml");
            seeds.run(null);
            org.assertj.core.api.Assertions.assertThat(murder.get()).isEqualTo(new MaxPenalty.Life());

            jurisdictions.importProfile(outdated, "an-administrator", "QM-edited.yaml");
            seeds.run(null);
            org.assertj.core.api.Assertions.assertThat(murder.get()).isEqualTo(MaxPenalty.months(240));
        } finally {
            jurisdictions.importProfile(shipped, SeedProfiles.SEED, "QM.yaml");
        }
    }

    /** Issue 11: conduct outside what a profile covers is unknown, with the reason, never "not criminal". */
    @Test
    void conductAProfileDoesNotCoverIsUnknownWithTheReason() throws Exception {
        mvc.perform(get("/api/jurisdictions/QM/criminality?conduct=threats").with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").value("unknown"))
                .andExpect(jsonPath("$.serious").doesNotExist())
                .andExpect(jsonPath("$.reason")
                        .value(org.hamcrest.Matchers.containsString("outside what the profile covers")));
        mvc.perform(get("/api/jurisdictions/XB/criminality?conduct=consensual-same-sex-relations")
                        .with(as(Role.AUDITOR)))
                .andExpect(jsonPath("$.answer").value("not-criminal"))
                .andExpect(jsonPath("$.reason")
                        .value(org.hamcrest.Matchers.startsWith(
                                "Sexual relations between consenting adults of the same sex are not an offence")));
        mvc.perform(get("/api/jurisdictions/dual-criminality?requesting=XB&requested=QM&conduct=threats")
                        .with(as(Role.LEGAL_REVIEWER)))
                .andExpect(jsonPath("$.answer").value("unknown"));
        mvc.perform(get("/api/jurisdictions/XB").with(as(Role.AUDITOR)))
                .andExpect(jsonPath("$.coverage[0].conduct").isArray())
                .andExpect(jsonPath("$.notOffences[?(@.conduct == 'blasphemy')].statement")
                        .isNotEmpty());
    }

    @Test
    void dualCriminalityBetweenTwoStates() throws Exception {
        mvc.perform(get("/api/jurisdictions/dual-criminality?requesting=XB&requested=QM&conduct=ict-theft-or-fraud")
                        .with(as(Role.LEGAL_REVIEWER)))
                .andExpect(jsonPath("$.answer").value("met"));
        mvc.perform(
                        get("/api/jurisdictions/dual-criminality?requesting=XB&requested=QM&conduct=non-consensual-intimate-images")
                                .with(as(Role.LEGAL_REVIEWER)))
                .andExpect(jsonPath("$.answer").value("not-met"))
                .andExpect(jsonPath("$.requested.answer").value("not-criminal"));
        mvc.perform(get("/api/jurisdictions/dual-criminality?requesting=XA&requested=QZ&conduct=defamation")
                        .with(as(Role.LEGAL_REVIEWER)))
                .andExpect(jsonPath("$.answer").value("unknown"));
        mvc.perform(get("/api/jurisdictions/dual-criminality?requesting=XA&requested=XB&conduct=being-annoying")
                        .with(as(Role.LEGAL_REVIEWER)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("conduct"));
    }

    @Test
    void anAdministratorImportsAProfileAndExportsItBack() throws Exception {
        var file = """
                state: QN
                fictional: true
                as_of: 2026-11-23
                offences:
                  - provision: Code 1
                    title: Hacking
                    conduct: [illegal-access]
                    max_penalty: {months: 48}
                """;
        mvc.perform(post("/api/jurisdictions/import")
                        .with(as(Role.ADMIN))
                        .contentType("application/yaml")
                        .content(file))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("QN"))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.created").value(true));
        mvc.perform(get("/api/jurisdictions/QN/export").with(as(Role.CASEWORKER)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("provision: Code 1")));
        mvc.perform(get("/api/jurisdictions/QN/criminality?conduct=illegal-access")
                        .with(as(Role.CASEWORKER)))
                .andExpect(jsonPath("$.serious").value(true));
    }

    @Test
    void aMalformedImportListsEveryProblemAndChangesNothing() throws Exception {
        var before = mvc.perform(get("/api/jurisdictions/XB/export").with(as(Role.ADMIN)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var broken = """
                state: XB
                fictional: true
                as_of: 2026-11-23
                offences:
                  - provision: s. 1
                    title: Something
                    conduct: [no-such-conduct]
                    max_penalty: {months: -3}
                """;
        mvc.perform(post("/api/jurisdictions/import")
                        .with(as(Role.ADMIN))
                        .contentType("application/yaml")
                        .content(broken))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.type").value("/problems/invalid-input"))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[0].message", startsWith("line 7")))
                .andExpect(jsonPath("$.errors[1].message", startsWith("line 8")));
        mvc.perform(get("/api/jurisdictions/XB/export").with(as(Role.ADMIN)))
                .andExpect(content().string(before));
    }

    @Test
    void importsRefuseFormContentTypesThatBrowsersSendCrossSite() throws Exception {
        mvc.perform(post("/api/jurisdictions/import")
                        .with(as(Role.ADMIN))
                        .contentType("text/plain")
                        .content("state: QP\n"))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void onlyAdministratorsImport() throws Exception {
        mvc.perform(post("/api/jurisdictions/import")
                        .with(as(Role.CASEWORKER))
                        .contentType("application/yaml")
                        .content("state: QP\n"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/jurisdictions/XB")).andExpect(status().isUnauthorized());
    }
}
