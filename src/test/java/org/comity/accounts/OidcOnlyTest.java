package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.nio.file.Path;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code comity.accounts.oidc.only}: the console takes no password, and the administrators' API for
 * links. The provider is never contacted here (its discovery happens at the first OIDC sign-in).
 */
@NodeTest
@TestPropertySource(
        properties = {
            "comity.accounts.oidc.enabled=true",
            "comity.accounts.oidc.issuer-uri=https://login.ministry.example",
            "comity.accounts.oidc.client-id=comity",
            "comity.accounts.oidc.client-secret=not a real secret",
            "comity.accounts.oidc.identity-claim=sub",
            "comity.accounts.oidc.only=true"
        })
class OidcOnlyTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    @Test
    void theConsoleTakesNoPassword() throws Exception {
        var page = mvc.perform(get("/login").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("/oauth2/authorization/oidc").doesNotContain("name=\"password\"");
        var answer = mvc.perform(post("/login")
                        .param("username", TestAccounts.username(Role.ADMIN))
                        .param("password", TestAccounts.PASSWORD)
                        .with(csrf()))
                .andReturn();
        assertThat(answer.getResponse().getRedirectedUrl()).isNotEqualTo("/console");
        assertThat(answer.getRequest().getSession(false) == null
                        || answer.getRequest().getSession(false).getAttribute("SPRING_SECURITY_CONTEXT") == null)
                .isTrue();
    }

    @Test
    void administratorsLinkIdentitiesOverTheApi() throws Exception {
        var admin = httpBasic(TestAccounts.username(Role.ADMIN), TestAccounts.PASSWORD);
        var clerk = TestAccounts.username(Role.CASEWORKER);
        mvc.perform(post("/api/accounts/" + clerk + "/identities")
                        .with(admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"248289761001\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.issuer").value("https://login.ministry.example"))
                .andExpect(jsonPath("$.subject").value("248289761001"));
        mvc.perform(get("/api/accounts/" + clerk + "/identities").with(admin))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].linkedBy").value(TestAccounts.username(Role.ADMIN)));
        mvc.perform(post("/api/accounts/" + clerk + "/identities")
                        .with(httpBasic(clerk, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"someone-else\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/accounts/" + clerk + "/identities")
                        .with(admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"issuer\": \"ftp://x\", \"subject\": \"\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[?(@.field == 'issuer')].rule").value("issuer-format"))
                .andExpect(jsonPath("$.errors[?(@.field == 'subject')].rule").value("subject-format"));
        mvc.perform(post("/api/accounts/" + clerk + "/identities/unlink")
                        .with(admin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"248289761001\"}"))
                .andExpect(status().isNoContent());
        assertThat(accounts.identitiesOf(clerk)).isEmpty();
    }

    @Test
    void aMisconfiguredProviderIsRefusedWithEveryProblem() {
        var problems = new OidcProperties(
                        true,
                        URI.create("http://login.ministry.example"),
                        " ",
                        "secret",
                        Path.of("/etc/secret"),
                        "upn",
                        "",
                        false,
                        false)
                .problems();
        assertThat(problems)
                .hasSize(5)
                .anyMatch(p -> p.startsWith("comity.accounts.oidc.issuer-uri"))
                .anyMatch(p -> p.startsWith("comity.accounts.oidc.client-id"))
                .anyMatch(p -> p.startsWith("comity.accounts.oidc.client-secret"))
                .anyMatch(p -> p.startsWith("comity.accounts.oidc.identity-claim"))
                .anyMatch(p -> p.startsWith("comity.accounts.oidc.display-name"));
        assertThat(new OidcProperties(
                                true,
                                URI.create("https://login.ministry.example"),
                                "comity",
                                null,
                                Path.of("/etc/secret"),
                                "sub",
                                "Ministry",
                                false,
                                false)
                        .problems())
                .isEmpty();
        assertThat(new OidcProperties(true, null, "c", "s", null, "sub", "M", false, false).toString())
                .doesNotContain("s]");
    }
}
