package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** Issue 15 item 9: a console session ends when its account is disabled or its password reset. */
@NodeTest
class SessionEndTest {

    static final String PASSWORD = "a long enough passphrase";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
    }

    private void register(String username) {
        accounts.register(new NewAccount(username, "User " + username, Set.of(Role.CASEWORKER), PASSWORD), "test");
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        var result = mvc.perform(formLogin("/login").user(username).password(password))
                .andExpect(redirectedUrl("/console"))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private void assertMustChangePassword(MockHttpSession session) throws Exception {
        mvc.perform(get("/console").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/account/password"));
    }

    private void assertWorks(MockHttpSession session) throws Exception {
        mvc.perform(get("/console").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk());
    }

    private void assertEnded(MockHttpSession session) throws Exception {
        mvc.perform(get("/console").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"));
        assertThat(session.isInvalid()).isTrue();
    }

    private String asAdmin(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return mvc.perform(request.with(httpBasic(TestAccounts.username(Role.ADMIN), TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void disablingAnAccountEndsItsOpenSessions() throws Exception {
        register("leaver");
        var first = signIn("leaver", PASSWORD);
        var second = signIn("leaver", PASSWORD);
        var colleague = signIn(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD);
        assertWorks(first);
        assertWorks(second);
        mvc.perform(get("/requests").session(first).accept(MediaType.TEXT_HTML)).andExpect(status().isOk());

        asAdmin(post("/api/accounts/leaver/disable"));

        mvc.perform(get("/requests").session(first).accept(MediaType.TEXT_HTML)).andExpect(redirectedUrl("/login"));
        assertThat(first.isInvalid()).isTrue();
        assertEnded(second);
        // Someone else's session is not touched.
        assertWorks(colleague);
    }

    @Test
    void aSessionOfADisabledAccountCannotWriteEither() throws Exception {
        register("mover");
        var session = signIn("mover", PASSWORD);
        accounts.setEnabled("mover", false, TestAccounts.username(Role.ADMIN));
        long drafts = jdbc.sql("SELECT count(*) FROM casework_request")
                .query(Long.class)
                .single();
        var status = mvc.perform(post("/requests/new")
                        .session(session)
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .param("direction", "OUTGOING"))
                .andReturn()
                .getResponse()
                .getStatus();
        assertThat(status).isIn(302, 401, 403);
        assertThat(jdbc.sql("SELECT count(*) FROM casework_request")
                        .query(Long.class)
                        .single())
                .isEqualTo(drafts);
    }

    @Test
    void enablingTheAccountAgainDoesNotReviveOldSessions() throws Exception {
        register("returner");
        var session = signIn("returner", PASSWORD);
        accounts.setEnabled("returner", false, TestAccounts.username(Role.ADMIN));
        accounts.setEnabled("returner", true, TestAccounts.username(Role.ADMIN));
        assertEnded(session);
        assertWorks(signIn("returner", PASSWORD));
    }

    @Test
    void aPasswordResetEndsTheSessionsOpenedWithTheOldPassword() throws Exception {
        register("forgetful");
        var session = signIn("forgetful", PASSWORD);
        assertWorks(session);

        var body = asAdmin(post("/api/accounts/forgetful/password-reset"));
        var password =
                JsonMapper.builder().build().readTree(body).get("password").asString();

        assertEnded(session);
        // The new password signs in, and must be replaced first: the administrator knows it (issue 13).
        assertMustChangePassword(signIn("forgetful", password));
    }

    @Test
    void anAdministratorResettingTheirOwnPasswordSeesItBeforeTheSessionEnds() throws Exception {
        var admin = TestAccounts.username(Role.ADMIN);
        var session = signIn(admin, TestAccounts.PASSWORD);
        var page = mvc.perform(post("/admin/accounts/" + admin + "/password")
                        .param("confirmed", "true")
                        .session(session)
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var shown = page.replaceAll("(?s).*<code class=\"secret\">([^<]+)</code>.*", "$1");
        assertThat(shown).hasSize(20);
        assertEnded(session);
        assertMustChangePassword(signIn(admin, shown));
        // Put the known password back for the other tests of this class.
        jdbc.sql("UPDATE account SET password_hash = (SELECT password_hash FROM account WHERE username = ?),"
                        + " password_must_change = false WHERE username = ?")
                .params(TestAccounts.username(Role.AUDITOR), admin)
                .update();
    }
}
