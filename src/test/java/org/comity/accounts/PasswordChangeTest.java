package org.comity.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 13: users change their own password (console and API); a password an administrator set, at
 * creation or by a reset, must be replaced at the next console sign-in before any other page; the
 * account audit trail shows both.
 */
@NodeTest
class PasswordChangeTest {

    static final String NEW_PASSWORD = "a password only I know now";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void admin() {
        TestAccounts.createOnePerRole(accounts);
    }

    private MockHttpSession signIn(String username, String password) throws Exception {
        var result = mvc.perform(formLogin("/login").user(username).password(password))
                .andExpect(status().isFound())
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    @Test
    void aPasswordAnAdministratorChoseMustBeChangedBeforeAnyOtherPage() throws Exception {
        mvc.perform(post("/api/accounts")
                        .with(httpBasic(TestAccounts.username(Role.ADMIN), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"username\": \"new.clerk\", \"displayName\": \"New Clerk\","
                                + " \"roles\": [\"CASEWORKER\"], \"password\": \"chosen by the admin\"}"))
                .andExpect(status().isCreated());
        var session = signIn("new.clerk", "chosen by the admin");
        mvc.perform(get("/requests").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/account/password").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk());

        // A wrong current password: shown after a redirect, so reloading the page is a GET.
        mvc.perform(post("/account/password")
                        .session(session)
                        .with(csrf())
                        .param("currentPassword", "not the password")
                        .param("newPassword", NEW_PASSWORD))
                .andExpect(redirectedUrl("/account/password"));
        // The same password again is no change.
        mvc.perform(post("/account/password")
                        .session(session)
                        .with(csrf())
                        .param("currentPassword", "chosen by the admin")
                        .param("newPassword", "chosen by the admin"))
                .andExpect(redirectedUrl("/account/password"));
        mvc.perform(get("/requests").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/account/password"));

        mvc.perform(post("/account/password")
                        .session(session)
                        .with(csrf())
                        .param("currentPassword", "chosen by the admin")
                        .param("newPassword", NEW_PASSWORD))
                .andExpect(redirectedUrl("/console"));
        // The same session goes on, now anywhere.
        mvc.perform(get("/requests").session(session).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk());
        signIn("new.clerk", NEW_PASSWORD);

        // A reset sets a password the administrator knows: changed again at the next sign-in.
        var reset = accounts.resetPassword("new.clerk", TestAccounts.username(Role.ADMIN));
        var next = signIn("new.clerk", reset);
        mvc.perform(get("/console").session(next).accept(MediaType.TEXT_HTML))
                .andExpect(redirectedUrl("/account/password"));

        mvc.perform(get("/api/accounts/new.clerk/audit")
                        .with(httpBasic(TestAccounts.username(Role.ADMIN), TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].action").value(org.hamcrest.Matchers.startsWith("password reset")))
                .andExpect(jsonPath("$[1].action").value("password changed by its owner"))
                .andExpect(jsonPath("$[1].actor").value("new.clerk"));
        mvc.perform(get("/api/accounts/new.clerk/audit")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theFaviconIsServedToAnyoneAndLinkedFromThePages() throws Exception {
        mvc.perform(get("/favicon.svg"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .contentTypeCompatibleWith("image/svg+xml"));
        var login = mvc.perform(get("/login").accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(login).contains("<link rel=\"icon\" href=\"/favicon.svg\"");
    }

    @Test
    void anyUserChangesTheirOwnPasswordThroughTheApi() throws Exception {
        accounts.register(new NewAccount("own.change", "Own Change", Set.of(Role.AUDITOR), TestAccounts.PASSWORD), "t");
        mvc.perform(put("/api/account/password")
                        .with(httpBasic("own.change", TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"currentPassword\": \"wrong one here\", \"newPassword\": \"" + NEW_PASSWORD + "\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("currentPassword"))
                .andExpect(jsonPath("$.errors[0].rule").value("wrong-password"));
        mvc.perform(put("/api/account/password")
                        .with(httpBasic("own.change", TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"currentPassword\": \"" + TestAccounts.PASSWORD + "\", \"newPassword\": \"short\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("newPassword"));
        mvc.perform(put("/api/account/password")
                        .with(httpBasic("own.change", TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\": \"" + TestAccounts.PASSWORD + "\", \"newPassword\": \""
                                + NEW_PASSWORD + "\"}"))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/accounts/own.change").with(httpBasic("own.change", NEW_PASSWORD)))
                .andExpect(status().isOk()); // the new password signs in
        assertThat(accounts.auditTrail("own.change").getFirst().action()).isEqualTo("password changed by its owner");
    }
}
