package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Drafting says what a confidential request still puts on the public log, and when; the review and
 * the request page show every safeguard item of step 4.
 */
@NodeTest
class ConfidentialityAndSafeguardsPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
    }

    @Test
    void aConfidentialDraftIsToldWhatThePublicLogShowsAndTheReviewShowsEverySafeguard() throws Exception {
        var id = draft();
        var before = page(get("/requests/" + id + "/draft/conditions").with(caseworker()));
        var version = java.util.regex.Pattern.compile("name=\"version\" value=\"(\\d+)\"")
                .matcher(before);
        assertThat(version.find()).isTrue();
        var conditions = page(post("/requests/" + id + "/draft/conditions")
                .with(caseworker())
                .with(csrf())
                .param("version", version.group(1))
                .param("urgency", "NORMAL")
                .param("authorisingBody", "Investigating judge of Xanadu")
                .param("judicialOrIndependent", "true")
                .param("legalGrounds", "Code of Criminal Procedure art. 99")
                .param("proportionality", "Three months of subscriber data for one account")
                .param("durationDays", "90")
                .param("speciality", "true")
                .param("otherConditions", "Return the originals")
                .param("confidential", "true")
                .param("confidentialUntil", "2030-06-30"));
        // Saved, it goes on to the review; the step itself, shown again, carries the notice.
        var step = page(get("/requests/" + id + "/draft/conditions").with(caseworker()));
        assertThat(step)
                .contains("id=\"public-log\"")
                .contains("That keeps its record sealed, not its entries")
                .contains("on the day a supervisor approves sending")
                .contains("may be opened from 2030-06-30")
                .contains("Never on the log: names, facts");

        var review = page(get("/requests/" + id + "/draft/review").with(caseworker()));
        assertThat(review)
                .contains("id=\"public-log\"")
                .contains("Investigating judge of Xanadu")
                .contains("Judicial or otherwise independent body")
                .contains("Code of Criminal Procedure art. 99")
                .contains("Three months of subscriber data for one account")
                .contains("<dd>90</dd>")
                .contains("Speciality (use only for this proceeding)")
                .contains("Return the originals");
        var request = page(get("/requests/" + id).with(caseworker()));
        assertThat(request).contains("Code of Criminal Procedure art. 99").contains("Return the originals");
        assertThat(conditions).isNotNull();
    }

    @Test
    void statesAndInstrumentsArePickedByTheirRegistryNames() throws Exception {
        var id = draft();
        var parties = page(get("/requests/" + id + "/draft/parties").with(caseworker()));
        assertThat(parties)
                .contains("<select id=\"requestedState\" name=\"requestedState\"")
                .containsPattern("<option value=\"FR\"[^>]*>France \\(FR\\)</option>")
                .contains("<datalist id=\"legalBasis-instruments\">")
                .containsPattern("<option value=\"UNCC\">[^<]+</option>");
        var french = page(
                get("/requests/" + id + "/draft/parties").param("lang", "fr").with(caseworker()));
        assertThat(french).containsPattern("<option value=\"DE\"[^>]*>Allemagne \\(DE\\)</option>");
    }

    @Test
    void aRequestNotConfidentialIsToldItsRecordOpensAfterTheConfiguredYears() throws Exception {
        var id = draft();
        var step = page(get("/requests/" + id + "/draft/conditions").with(caseworker()));
        assertThat(step)
                .contains("id=\"public-log\"")
                .doesNotContain("That keeps its record sealed")
                .contains("may be opened 5 years after each event");
        var arabic = page(
                get("/requests/" + id + "/draft/conditions").param("lang", "ar").with(caseworker()));
        assertThat(arabic).contains("ما سيُظهره السجل العام");
    }

    private String draft() throws Exception {
        var location = mvc.perform(post("/requests/new")
                        .with(caseworker())
                        .with(csrf())
                        .param("kind", "STORED_DATA")
                        .param("requestingName", "Central Authority of Xanadu")
                        .param("requestingState", "XA")
                        .param("requestedName", "Ministry of Justice of Xebia")
                        .param("requestedState", "XB")
                        .param("legalBasis", "UNCC"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        return location.split("/")[2];
    }

    private String page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        if (response.getStatus() == 302) {
            return response.getRedirectedUrl();
        }
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static RequestPostProcessor caseworker() {
        return user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER");
    }
}
