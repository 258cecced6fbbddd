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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12, class 6: every scenario whose facts a reviewer records (input.reviewer) gives the same
 * findings through the safeguards API (a what-if with the facts in its body) as through casework (the
 * request registered, the facts put on {@code /reviewer-facts}, the stored assessment read back): the
 * same rules, severities, sources and explanations. Fictional States only.
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("withReviewerFacts")
    void theSafeguardsApiAndCaseworkGiveTheSameFindings(Scenarios.Scenario scenario) throws Exception {
        // Identifiers of this run only, so no other request of the node makes a pattern on one path.
        var run = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode input = (ObjectNode) CaseworkApiTest.JSON.readTree(Scenarios.json(scenario.file()));
        input.put("requestId", UUID.randomUUID().toString());
        input.put("version", 1);
        for (JsonNode subject : input.path("subjects").values()) {
            var ids = (ArrayNode) subject.path("identifiers");
            for (int i = 0; i < ids.size(); i++) {
                ids.set(i, ids.get(i).asString().replace("@", "@" + run + "."));
            }
        }
        var whatIf = CaseworkApiTest.JSON.readTree(
                call(Role.CASEWORKER, post("/api/safeguards/assessments"), input.toString())
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());

        var registered = CaseworkApiTest.JSON.readTree(call(
                        Role.CASEWORKER,
                        post("/api/requests/incoming"),
                        "{\"kind\": \"%s\", \"content\": %s}"
                                .formatted(input.path("measure").asString(), content(input)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString());
        var id = registered.path("id").asString();
        ObjectNode facts = (ObjectNode) input.path("reviewer").deepCopy();
        facts.put("expectedVersion", registered.path("version").asLong());
        call(Role.LEGAL_REVIEWER, put("/api/requests/" + id + "/reviewer-facts"), facts.toString())
                .andExpect(status().isOk())
                .andExpect(
                        jsonPath("$.version").value(registered.path("version").asLong() + 1));
        var stored = CaseworkApiTest.JSON.readTree(
                mvc.perform(get("/api/requests/" + id + "/assessment").with(CaseworkApiTest.as(Role.LEGAL_REVIEWER)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString());

        var viaApi = findings(whatIf.path("assessment").path("findings"));
        assertThat(findings(stored.path("findings"))).isEqualTo(viaApi);
        // And the fact's own rule is among them, as the scenario expects.
        var expected = scenario.expected().stream()
                .map(e -> e.severity().toUpperCase(java.util.Locale.ROOT) + " " + e.rule())
                .toList();
        assertThat(viaApi.stream().map(f -> f.substring(0, f.indexOf(" |"))).toList())
                .containsExactlyInAnyOrderElementsOf(expected);
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

    /** Findings as "SEVERITY rule | source | explanation", in the order the engine gives them. */
    private static List<String> findings(JsonNode findings) {
        var all = new ArrayList<String>();
        for (JsonNode f : findings.values()) {
            all.add(f.path("severity").asString() + " " + f.path("rule").asString() + " | " + f.path("source") + " | "
                    + f.path("explanation").asString());
        }
        return all;
    }

    /** The scenario's request as casework's content: the same States, offences, subjects, data and use. */
    private static String content(ObjectNode input) {
        var content = CaseworkApiTest.JSON.createObjectNode();
        var requesting = input.path("requesting").asString();
        var requested = input.path("requested").asString();
        content.putObject("requestingAuthority")
                .put("name", "Central Authority of " + requesting)
                .put("state", requesting);
        content.putObject("requestedAuthority")
                .put("name", "Central Authority of " + requested)
                .put("state", requested);
        content.put("legalBasis", input.path("legalBasis").asString());
        var offences = content.putArray("offences");
        for (JsonNode o : input.path("offences").values()) {
            var offence = offences.addObject()
                    .put("domesticProvision", o.path("provision").asString());
            offence.set("conductCategories", o.path("conduct"));
            if (o.has("maximumPenaltyMonths")) {
                offence.put(
                        "maximumPenaltyMonths", o.path("maximumPenaltyMonths").asInt());
            }
        }
        content.put("summaryOfFacts", "As the scenario describes.");
        var subjects = content.putArray("subjects");
        for (JsonNode s : input.path("subjects").values()) {
            var subject = subjects.addObject().put("role", s.path("role").asString());
            var ids = subject.putArray("identifiers");
            for (JsonNode i : s.path("identifiers").values()) {
                var text = i.asString();
                ids.addObject()
                        .put("type", text.substring(0, text.indexOf(':')).toUpperCase(java.util.Locale.ROOT))
                        .put("value", text.substring(text.indexOf(':') + 1));
            }
        }
        if (input.has("data") && !input.path("data").isNull()) {
            var data = content.putObject("dataSought");
            data.set("categories", input.path("data").path("categories"));
            data.put("from", input.path("data").path("from").asString());
            data.put("to", input.path("data").path("to").asString());
            data.put("provider", "Example Mail");
        }
        content.put("purpose", "Prosecution");
        content.put(
                "deathPenaltyAssurances", input.path("deathPenaltyAssurances").asBoolean(false));
        content.putObject("conditions")
                .put("speciality", input.path("use").path("speciality").asBoolean())
                .put(
                        "onwardTransferNeedsConsent",
                        input.path("use").path("onwardTransferNeedsConsent").asBoolean());
        return content.toString();
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.with(CaseworkApiTest.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
