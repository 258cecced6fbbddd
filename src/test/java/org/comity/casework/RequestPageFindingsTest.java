package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The console shows a request's safeguards findings, with severity, citations and the way to resolve. */
@NodeTest
class RequestPageFindingsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Test
    void theRequestPageShowsTheFindingsOfItsCurrentVersion() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var caseworker = httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD);
        var body = mvc.perform(post("/api/requests")
                        .with(caseworker)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = JsonMapper.builder().build().readTree(body).get("id").asString();

        var page = mvc.perform(get("/requests/" + id)
                        .with(user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("id=\"safeguards-assessment\"").contains("finding severity-");
        assertThat(page).contains("Cites").contains("UNCC Art").contains("To resolve");
        // Without the fictional States' treaty actions there is no legal basis between XA and XB: a bar.
        assertThat(page).contains("severity-bar").contains("legal-basis");
    }

    @Test
    void findingsAreShownInTheReadersLanguageWithWhoseRuleTheyAre() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var caseworker = httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD);
        var body = mvc.perform(post("/api/requests")
                        .with(caseworker)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = JsonMapper.builder().build().readTree(body).get("id").asString();

        var english = page(id, "en");
        assertThat(english)
                .contains("Legal basis in force")
                .contains("<code class=\"rule\">legal-basis-in-force</code>")
                .contains("Whose rule</span>: <span>Treaty (UNCC)</span")
                .containsPattern("<p class=\"explanation\" dir=\"auto\">[^<]*is not in force between");
        assertThat(english).doesNotContain("class=\"explanation\" lang=").doesNotContain("findings-language");

        var french = page(id, "fr");
        assertThat(french)
                .contains("Base juridique en vigueur")
                .contains("Source de la règle</span>: <span>Traité (UNCC)</span")
                .containsPattern("<p class=\"explanation\" dir=\"auto\">[^<]*n&#39;est pas en vigueur entre")
                .containsPattern("Pour y remédier</span>: <span>[^<]+</span>")
                .doesNotContain("findings-language")
                .doesNotContain("is not in force between");

        var arabic = page(id, "ar");
        assertThat(arabic)
                .contains("الأساس القانوني النافذ")
                .contains("<span>معاهدة (\u2068UNCC\u2069)</span")
                .containsPattern("<p class=\"explanation\" dir=\"auto\">[^<]*لا تكون")
                .doesNotContain("is not in force between");

        // The APIs answer in the Accept-Language, with the source as data.
        var api = JsonMapper.builder()
                .build()
                .readTree(mvc.perform(get("/api/requests/" + id + "/assessment")
                                .with(caseworker)
                                .header("Accept-Language", "fr"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        var finding = api.get("findings").get(0);
        assertThat(finding.get("rule").asString()).isEqualTo("legal-basis-in-force");
        assertThat(finding.get("source").get("type").asString()).isEqualTo("treaty");
        assertThat(finding.get("source").get("instrument").asString()).isEqualTo("UNCC");
        assertThat(finding.get("explanation").asString()).contains("n'est pas en vigueur entre");
        var stored = JsonMapper.builder()
                .build()
                .readTree(mvc.perform(get("/api/safeguards/requests/" + id + "/assessments")
                                .with(caseworker)
                                .header("Accept-Language", "ar"))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        var first = stored.get(0).get("assessment").get("findings").get(0);
        assertThat(first.get("source").get("type").asString()).isEqualTo("treaty");
        assertThat(first.get("explanation").asString()).contains("لا تكون");
        assertThat(first.get("message").get("explanation").asString())
                .isEqualTo("legal-basis-in-force.not-in-force.explanation");
    }

    @Test
    void aPolicyPackRuleIsHeadedAsSuchWithTheIdThePackGaveIt() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        // XB's shipped pack gives content data only for offences punishable by eight years or more.
        var content = CaseworkApiTest.CONTENT
                .replace("\"categories\": [\"SUBSCRIBER\"]", "\"categories\": [\"CONTENT\"]")
                .replace("\"maximumPenaltyMonths\": 96", "\"maximumPenaltyMonths\": 60");
        var body = mvc.perform(post("/api/requests")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = JsonMapper.builder().build().readTree(body).get("id").asString();

        assertThat(page(id, "en"))
                .containsPattern("<span>Rule of the requested State&#39;s policy pack</span>\\s*"
                        + "<code class=\"rule\">pack:content-only-for-grave-offences</code>");
        assertThat(page(id, "fr"))
                .containsPattern("<span>Règle du pack de politique de l&#39;État requis</span>\\s*"
                        + "<code class=\"rule\">pack:content-only-for-grave-offences</code>");
    }

    private String page(String id, String language) throws Exception {
        return mvc.perform(get("/requests/" + id)
                        .param("lang", language)
                        .with(user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void theRequestingStatesOwnLawFlagsAnExpressionOffence() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        // XA (fictional) punishes "discrediting the armed forces"; its profile flags the offence as
        // expression-related and political. The request itself says nothing of the kind.
        var content = CaseworkApiTest.ABUSIVE.replace(
                "\"name\": \"Prosecutor General of Qmland\", \"state\": \"QM\"",
                "\"name\": \"Prosecutor General of Exemplaria\", \"state\": \"XA\"");
        assertThat(content).contains("\"XA\"");
        var body = mvc.perform(post("/api/requests/incoming")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = JsonMapper.builder().build().readTree(body).get("id").asString();
        var assessment = mvc.perform(get("/api/requests/" + id + "/assessment")
                        .with(httpBasic(TestAccounts.username(Role.LEGAL_REVIEWER), TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(assessment).contains("expression-related-offence").contains("political-offence");
    }
}
