package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The console's smaller promises: filters, post/redirect/get, the 403 page, assignees, accounts. */
@NodeTest
class ConsoleDefectsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
    }

    @Test
    void aBadListFilterIsMarkedOnItsFieldAndTheApiRefusesIt() throws Exception {
        var page = html(get("/requests")
                .param("direction", "SIDEWAYS")
                .param("state", "lost")
                .param("kind", "WISHES")
                .param("sort", "COLOUR")
                .with(as(Role.AUDITOR)));
        assertThat(page)
                .contains("id=\"direction-error\"")
                .contains("id=\"state-error\"")
                .contains("id=\"kind-error\"")
                .contains("id=\"sort-error\"")
                .contains("Choose a state of the list")
                .doesNotContain("id=\"results\" class=\"results\"><p");
        mvc.perform(get("/api/requests").param("state", "lost").with(basic(Role.AUDITOR)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("state"));
        mvc.perform(get("/api/requests").param("direction", "SIDEWAYS").with(basic(Role.AUDITOR)))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("direction"));
        mvc.perform(get("/api/requests").param("counterpart", "France").with(basic(Role.AUDITOR)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("counterpart"));
    }

    @Test
    void anActionsProblemsAreShownAfterARedirectAndTheAssignListHoldsOnlyCaseworkRoles() throws Exception {
        var created = mvc.perform(post("/api/requests")
                        .with(basic(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = created.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        var posted = mvc.perform(post("/requests/" + id + "/actions/withdraw")
                        .param("version", "1")
                        .with(as(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/requests/" + id);
        var page = html(get("/requests/" + id).flashAttrs(posted.getFlashMap()).with(as(Role.CASEWORKER)));
        assertThat(page).contains("id=\"withdraw-reason-error\"");
        // Reloading the page is a plain GET of the request page: the problems are gone, nothing re-posted.
        assertThat(html(get("/requests/" + id).with(as(Role.CASEWORKER)))).doesNotContain("withdraw-reason-error");

        var options = page.substring(
                page.indexOf("id=\"assign-assignee\""),
                page.indexOf("</select>", page.indexOf("id=\"assign-assignee\"")));
        assertThat(options)
                .contains(TestAccounts.username(Role.CASEWORKER))
                .contains(TestAccounts.username(Role.SUPERVISOR))
                .doesNotContain("value=\"" + TestAccounts.username(Role.ADMIN) + "\"")
                .doesNotContain("value=\"" + TestAccounts.username(Role.AUDITOR) + "\"");
    }

    @Test
    void resettingAPasswordAsksFirstAndTheAccountAuditTrailHasAPage() throws Exception {
        var target = TestAccounts.username(Role.AUDITOR);
        var list = html(get("/admin/accounts").with(as(Role.ADMIN)));
        assertThat(list)
                .contains("href=\"/admin/accounts/" + target + "/password\"")
                .contains("href=\"/admin/accounts/" + target + "/audit\"");
        var confirm = html(get("/admin/accounts/" + target + "/password").with(as(Role.ADMIN)));
        assertThat(confirm).contains("Reset the password of " + target + "?").contains("name=\"confirmed\"");
        // A post without the confirmation resets nothing and asks.
        mvc.perform(post("/admin/accounts/" + target + "/password")
                        .with(as(Role.ADMIN))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getResponse().getRedirectedUrl())
                        .isEqualTo("/admin/accounts/" + target + "/password"))
                .andExpect(result -> assertThat(result.getFlashMap().containsKey("newPassword"))
                        .isFalse());
        var reset = mvc.perform(post("/admin/accounts/" + target + "/password")
                        .param("confirmed", "true")
                        .with(as(Role.ADMIN))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(reset.getFlashMap().containsKey("newPassword")).isTrue();

        var audit = html(get("/admin/accounts/" + target + "/audit").with(as(Role.ADMIN)));
        assertThat(audit).contains("Audit trail of the account " + target).contains("<bdi lang=\"en\">");
        mvc.perform(get("/admin/accounts/" + target + "/audit")
                        .with(as(Role.AUDITOR))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
    }

    @Test
    void aSignedInUsersForbiddenPageKeepsTheSignedInHeader() throws Exception {
        var page = mvc.perform(get("/admin/accounts").with(as(Role.AUDITOR)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("href=\"/requests\"").contains(TestAccounts.username(Role.AUDITOR));
    }

    private String html(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static RequestPostProcessor as(Role role) {
        return user(TestAccounts.username(role)).roles(role.name());
    }

    private static RequestPostProcessor basic(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }
}
