package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.stream.Stream;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.safeguards.Scenarios;
import org.comity.testing.FictionalUncc;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Issue 12, class 6: the reviewer's facts through casework's API and form. That every scenario with
 * facts (input.reviewer) gives the same findings through the safeguards API as through casework is
 * {@link CorpusThroughCaseworkTest}, with the rest of the corpus. Fictional States only.
 */
@NodeTest
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class ReviewerFactsThroughCaseworkTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2027-03-01T09:00:00Z"));
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @BeforeEach
    void setUp() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    static Stream<Scenarios.Scenario> withReviewerFacts() {
        return Scenarios.all().stream().filter(s -> s.input().reviewer() != null);
    }

    @Test
    void everyFactHasALegitimateAndAnAbusiveScenario() {
        assertThat(withReviewerFacts().count()).isGreaterThanOrEqualTo(14);
    }

    @Test
    void factsNamingNoSubjectOfTheRequestAreRefusedNamingTheField() throws Exception {
        var registered = CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests/incoming"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT))
                .andExpect(status().isCreated()));
        call(
                        Role.LEGAL_REVIEWER,
                        put("/api/requests/" + registered + "/reviewer-facts"),
                        "{\"subjects\": [{\"subject\": 3, \"protection\": \"REFUGEE\"}]}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("reviewer.subjects[0].subject"));
        call(
                        Role.AUDITOR,
                        put("/api/requests/" + registered + "/reviewer-facts"),
                        "{\"onwardRecipient\": \"LAW_ENFORCEMENT\"}")
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/requests/" + registered + "/reviewer-facts").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subjects").isEmpty());
    }

    @Test
    void theReviewStepsFormRecordsTheFactsAndTheRequestIsAssessedWithThem() throws Exception {
        var id = CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests/incoming"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT))
                .andExpect(status().isCreated()));
        var reviewer = TestAccounts.username(Role.LEGAL_REVIEWER);
        mvc.perform(get("/requests/" + id + "/reviewer-facts")
                        .with(user(reviewer).roles("LEGAL_REVIEWER")))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("name=\"subjects-0-protection\"")));
        mvc.perform(post("/requests/" + id + "/reviewer-facts")
                        .with(user(reviewer).roles("LEGAL_REVIEWER"))
                        .with(csrf())
                        .param("offences-0-nature", "ADMINISTRATIVE")
                        .param("subjects-0-protection", "REFUGEE")
                        .param("onwardRecipient", "SECURITY_OR_INTELLIGENCE_SERVICE"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/requests/" + id + "/assessment").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(jsonPath("$.findings[?(@.rule == 'criminal-nature')].severity")
                        .value(org.hamcrest.Matchers.hasItem("BAR")))
                .andExpect(jsonPath("$.findings[?(@.rule == 'protection-status')].severity")
                        .value(org.hamcrest.Matchers.hasItem("GROUND")))
                .andExpect(jsonPath("$.findings[?(@.rule == 'onward-recipient')].severity")
                        .value(org.hamcrest.Matchers.hasItem("GROUND")));
        mvc.perform(get("/api/requests/" + id + "/audit").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(jsonPath("$[-1].actions[0].code").value("recorded-reviewer-facts"))
                .andExpect(jsonPath("$[-1].actions[0].args[0]")
                        .value("offence 1: administrative; subject 1: refugee;"
                                + " recipient: security-or-intelligence-service"));
        // A date that is not one is named on its input, and nothing is stored.
        mvc.perform(post("/requests/" + id + "/reviewer-facts")
                        .with(user(reviewer).roles("LEGAL_REVIEWER"))
                        .with(csrf())
                        .param("earlier-0-subject", "0")
                        .param("earlier-0-requesting", "QM")
                        .param("earlier-0-requested", "XC")
                        .param("earlier-0-date", "last spring"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("#earlier-0-date")));
        mvc.perform(get("/api/requests/" + id + "/reviewer-facts").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(jsonPath("$.subjects[0].protection").value("REFUGEE"));
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.with(CaseworkApiTest.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
