package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

/** Every console page renders for the roles that may see it, refuses the others, and validates next to the fields. */
@NodeTest
class ConsolePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
    }

    static RequestPostProcessor as(Role role) {
        return user(TestAccounts.username(role)).roles(role.name());
    }

    String html(String path, Role role) throws Exception {
        return mvc.perform(get(path).with(as(role)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void pagesRenderForTheirRoles() throws Exception {
        assertThat(html("/console", Role.SUPERVISOR)).contains("Awaiting a second approval");
        assertThat(html("/requests", Role.AUDITOR)).contains("Filter requests");
        assertThat(html("/requests/new", Role.CASEWORKER)).contains("Parties and legal basis");
        assertThat(html("/requests/incoming/new", Role.CASEWORKER)).contains("Register an incoming request");
        assertThat(html("/treaties", Role.AUDITOR)).contains("<svg");
        assertThat(html("/treaties/legal-basis?a=FR&b=DE", Role.CASEWORKER)).contains("Between FR and DE");
        assertThat(html("/states", Role.CASEWORKER)).contains("/states/FR");
        assertThat(html("/states/FR", Role.CASEWORKER))
                .contains("Profile of France (FR)")
                .contains(" months<")
                .doesNotContain("Months[")
                // What the profile does not list is unknown; what it states is not an offence is shown.
                .contains("No conduct category is declared listed completely")
                .contains("Stated not to be offences")
                .contains("Sexual relations between consenting adults of the same sex are not an offence in France");
        assertThat(html("/admin/accounts", Role.ADMIN)).contains("test-caseworker");
        assertThat(html("/admin/profiles", Role.ADMIN)).contains("Import a State profile");
    }

    @Test
    void pagesCheckRoles() throws Exception {
        mvc.perform(get("/admin/accounts").with(as(Role.CASEWORKER)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
        mvc.perform(get("/requests/new").with(as(Role.AUDITOR)).accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
        mvc.perform(get("/requests").accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
    }

    @Test
    void frenchAndArabic() throws Exception {
        var fr = mvc.perform(get("/requests?lang=fr").with(as(Role.CASEWORKER)).accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse();
        assertThat(fr.getContentAsString()).contains("Filtrer les demandes").contains("lang=\"fr\"");
        assertThat(fr.getCookie("comity-lang")).isNotNull();
        var ar = mvc.perform(get("/console?lang=ar").with(as(Role.CASEWORKER)).accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(ar).contains("dir=\"rtl\"");
    }

    @Test
    void draftingShowsProblemsNextToTheFields() throws Exception {
        var page = mvc.perform(post("/requests/new")
                        .with(as(Role.CASEWORKER))
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .param("requestedState", "France"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"requestedState-error\"").contains("aria-invalid=\"true\"");
    }
}
