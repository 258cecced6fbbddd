package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.Casework;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages that name the other State of a request, and the State profiles, show its registry name in the
 * reader's language with its code: the request list, the dashboard's tiles, the request page's header.
 */
@NodeTest
@TestPropertySource(properties = FictionalUncc.PROPERTY)
class StateNamesPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Casework casework;

    private UUID toFrance;
    private UUID fromXanadu;

    @BeforeEach
    void anOutgoingDraftToFranceAndAnIncomingRequestFromAFictionalState() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var caseworker = TestAccounts.username(Role.CASEWORKER);
        toFrance = create("/api/requests", """
                {"kind": "STORED_DATA", "content": {
                  "requestingAuthority": {"name": "Central Authority of Xanadu", "state": "XA"},
                  "requestedAuthority": {"name": "Ministère de la Justice", "state": "FR"}}}""");
        fromXanadu = create("/api/requests/incoming", """
                {"kind": "STORED_DATA", "content": {
                  "requestingAuthority": {"name": "Central Authority of Xanadu", "state": "XA"},
                  "requestedAuthority": {"name": "Ministry of Justice of Xebia", "state": "XB"}}}""");
        // On the caseworker's own tile of the dashboard.
        casework.assign(toFrance, null, caseworker, caseworker);
        casework.assign(fromXanadu, null, caseworker, caseworker);
    }

    @ParameterizedTest
    @CsvSource({
        "en, France (FR), Fictional State XA",
        "fr, France (FR), État fictif XA",
        "ar, فرنسا (FR), دولة افتراضية XA",
    })
    void listDashboardAndRequestPageNameTheOtherState(String language, String france, String xanadu) throws Exception {
        assertThat(html("/requests?lang=" + language))
                .contains("<td><bdi>" + france + "</bdi></td>")
                .contains("<td><bdi>" + xanadu + "</bdi></td>");
        var dashboard = html("/console?lang=" + language);
        assertThat(dashboard.substring(dashboard.indexOf("id=\"tile-mine\"")))
                .contains(" · <bdi>" + france + "</bdi></a>")
                .contains(" · <bdi>" + xanadu + "</bdi></a>");
        var page = html("/requests/" + toFrance + "?lang=" + language);
        assertThat(page.substring(page.indexOf("<h1>"), page.indexOf("</h1>")))
                .contains(" · <bdi>" + france + "</bdi></small>");
        page = html("/requests/" + fromXanadu + "?lang=" + language);
        assertThat(page.substring(page.indexOf("<h1>"), page.indexOf("</h1>")))
                .contains(" · <bdi>" + xanadu + "</bdi></small>");
    }

    @ParameterizedTest
    @CsvSource({
        "en, France (FR), Profile of France (FR)",
        "fr, France (FR), Profil de France (FR)",
        "ar, فرنسا (FR), الملف التعريفي للدولة \u2068فرنسا (FR)\u2069",
    })
    void stateProfilesNameTheirState(String language, String france, String title) throws Exception {
        assertThat(html("/states?lang=" + language)).contains("<a href=\"/states/FR\"><bdi>" + france + "</bdi></a>");
        assertThat(html("/states/FR?lang=" + language))
                .contains("<title>" + france + " · Comity</title>")
                .contains("<h1>" + title + "</h1>");
    }

    @Test
    void aRequestWithoutAnotherStateShowsADash() throws Exception {
        var draft = create("/api/requests", "{\"kind\": \"STORED_DATA\", \"content\": {}}");
        var page = html("/requests/" + draft);
        assertThat(page.substring(page.indexOf("<h1>"), page.indexOf("</h1>"))).contains(" · <bdi>—</bdi></small>");
    }

    private UUID create(String path, String body) throws Exception {
        var created = mvc.perform(post(path)
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return UUID.fromString(
                JsonMapper.builder().build().readTree(created).get("id").asString());
    }

    private String html(String path) throws Exception {
        return mvc.perform(get(path)
                        .with(user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
