package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.safeguards.Safeguards;
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
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Deciding and sending follow the node's own safeguards assessment, never a flag the client sends:
 * a bar makes granting (or sending) impossible, a ground or concern requires a second approver.
 * Fictional States only, with the UNCC in force between them.
 */
@NodeTest
@RecordApplicationEvents
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class CaseworkSafeguardsTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }

    /**
     * {@link CaseworkApiTest#ABUSIVE} (QM asks XB for a writer's e-mail content for "discrediting the
     * armed forces") with a two-year maximum: no Convention offence and no serious crime, so nothing is
     * in scope (bar), and XB's pack gives content only for grave offences (bar). Casework's content has no
     * offence flags or protected roles yet, so the expression and journalist findings of the scenario
     * corpus cannot arise here.
     */
    static final String ABUSIVE =
            CaseworkApiTest.ABUSIVE.replace("\"maximumPenaltyMonths\": 180", "\"maximumPenaltyMonths\": 24");

    /** What a client that still sends the old flag says: no ground, no concern. */
    static final String CLAIMS_CLEAR = "\"assessment\": {\"groundOrConcern\": false, \"note\": \"all fine\"}";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @Autowired
    Safeguards safeguards;

    @Autowired
    ApplicationEvents events;

    @BeforeEach
    void setUp() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    @Test
    void anAbusiveRequestCannotBeGrantedButCanBeRefusedWithConsultationAndReasons() throws Exception {
        var id = underReview(ABUSIVE);
        for (var grant : new String[] {
            "{\"outcome\": \"granted\", " + CLAIMS_CLEAR + "}",
            "{\"outcome\": \"granted-with-conditions\", \"conditions\": [\"no use against sources\"]}",
        }) {
            call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), grant)
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.rule").value("contradicts-bar"))
                    .andExpect(jsonPath("$.detail").value(containsString("offence-within-scope")));
        }
        // The refused attempts changed nothing, but what the reviewer was shown is stored: one assessment
        // at registration, one per attempt.
        mvc.perform(get("/api/requests/" + id).with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(jsonPath("$.state").value("under-review"));
        assertThat(safeguards.ofRequest(UUID.fromString(id))).hasSize(3);

        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/consultations"), """
                        {"with": "Prosecutor General of Qmland", "summary": "the request could not be narrowed"}""")
                .andExpect(status().isOk());
        var proposed = call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), """
                        {"outcome": "refused", %s,
                         "reasons": [{"ground": "PERSECUTION", "explanation": "the request targets a journalist"}]}
                        """.formatted(CLAIMS_CLEAR))
                // The assessment has grounds too: the refusal waits for a supervisor.
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("awaiting-decision-approval"));
        call(Role.SUPERVISOR, post("/api/requests/" + id + "/decision/approval"), CaseworkApiTest.approval(proposed))
                .andExpect(jsonPath("$.state").value("refused"));
        assertThat(events.stream(RequestDecided.class)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("refused");
            assertThat(e.secondApproval()).isTrue();
        });
    }

    @Test
    void aGroundRequiresTheSecondApproverWhateverTheClientSays() throws Exception {
        // An incoming request that foresees passing the data on to a third State without the transferring
        // State's prior authorisation: a ground, no bar. (Missing measure conditions on an incoming request
        // are only a note: the treaty does not require a request to state them.)
        var id = underReview(withOnwardTransferWithoutConsent());
        mvc.perform(get("/api/requests/" + id + "/assessment").with(CaseworkApiTest.as(Role.LEGAL_REVIEWER)))
                .andExpect(jsonPath("$.hasBar").value(false))
                .andExpect(jsonPath("$.secondApprovalRequired").value(true))
                .andExpect(jsonPath("$.findings[?(@.rule == 'data-protection')].severity")
                        .value(hasItem("GROUND")));
        var proposed = call(
                        Role.LEGAL_REVIEWER,
                        post("/api/requests/" + id + "/decision"),
                        "{\"outcome\": \"granted\", " + CLAIMS_CLEAR + "}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("awaiting-decision-approval"));
        assertThat(events.stream(RequestDecided.class)).isEmpty();
        // The proposer cannot approve their own decision; a supervisor can.
        call(
                        Role.LEGAL_REVIEWER,
                        post("/api/requests/" + id + "/decision/approval"),
                        CaseworkApiTest.approval(proposed))
                .andExpect(status().isForbidden());
        call(Role.SUPERVISOR, post("/api/requests/" + id + "/decision/approval"), CaseworkApiTest.approval(proposed))
                .andExpect(jsonPath("$.state").value("granted"))
                .andExpect(jsonPath("$.stateDetails.approvedBy").value(TestAccounts.username(Role.SUPERVISOR)));
    }

    @Test
    void aCleanRequestIsDecidedWithoutSecondApproval() throws Exception {
        // An identifier no other request of this class seeks, so no pattern finding either.
        var id = underReview(CaseworkApiTest.CONTENT.replace("203.0.113.7", "198.51.100.23"));
        mvc.perform(get("/api/requests/" + id + "/assessment").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assessed").value(true))
                .andExpect(jsonPath("$.secondApprovalRequired").value(false))
                .andExpect(jsonPath("$.hasBar").value(false));
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), "{\"outcome\": \"granted\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("granted"));
        assertThat(events.stream(RequestDecided.class))
                .singleElement()
                .satisfies(e -> assertThat(e.secondApproval()).isFalse());
    }

    @Test
    void theAssessmentShowsFindingsWithCitationsAndIsStoredPerVersion() throws Exception {
        var id = registered(ABUSIVE);
        mvc.perform(get("/api/requests/" + id + "/assessment").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assessed").value(true))
                .andExpect(jsonPath("$.requestId").value(id))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.highest").value("BAR"))
                .andExpect(jsonPath("$.hasBar").value(true))
                .andExpect(jsonPath("$.findings[0].severity").value("BAR"))
                .andExpect(jsonPath("$.findings[?(@.rule == 'offence-within-scope')].severity")
                        .value(hasItem("BAR")))
                .andExpect(jsonPath("$.findings[?(@.rule == 'pack:content-only-for-grave-offences')].severity")
                        .value(hasItem("BAR")))
                .andExpect(jsonPath("$.findings[0].citations[0].reference").value(containsString("Art")))
                .andExpect(jsonPath("$.findings[0].citations[0].certainty").exists())
                .andExpect(jsonPath("$.findings[0].explanation").isNotEmpty())
                .andExpect(jsonPath("$.findings[0].resolution").isNotEmpty());
        // Reading returns the assessment stored when the request was registered rather than a new one.
        mvc.perform(get("/api/requests/" + id + "/assessment").with(CaseworkApiTest.as(Role.LEGAL_REVIEWER)))
                .andExpect(jsonPath("$.assessedBy").value(TestAccounts.username(Role.CASEWORKER)));
        assertThat(safeguards.ofRequest(UUID.fromString(id))).hasSize(1);
        mvc.perform(get("/api/requests/" + id + "/assessment")).andExpect(status().isUnauthorized());
    }

    @Test
    void aRequestWithoutTheRequestedStateIsNotAssessedAndNeedsASecondApprover() throws Exception {
        var id = underReview(ABUSIVE.replace(
                "\"requestedAuthority\": {\"name\": \"Ministry of Justice of Xebia\", \"state\": \"XB\"},", ""));
        mvc.perform(get("/api/requests/" + id + "/assessment").with(CaseworkApiTest.as(Role.LEGAL_REVIEWER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assessed").value(false))
                .andExpect(jsonPath("$.secondApprovalRequired").value(true))
                .andExpect(jsonPath("$.findings").isEmpty());
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), "{\"outcome\": \"granted\"}")
                .andExpect(jsonPath("$.state").value("awaiting-decision-approval"));
        assertThat(safeguards.ofRequest(UUID.fromString(id))).isEmpty();
    }

    @Test
    void anOutgoingRequestWithABarCannotBeSent() throws Exception {
        // Complete, but for conduct outside the Convention with a two-year maximum: nothing in scope.
        var content = CaseworkApiTest.CONTENT
                .replace("\"ict-theft-or-fraud\"", "\"discrediting-armed-forces\"")
                .replace("\"maximumPenaltyMonths\": 96", "\"maximumPenaltyMonths\": 24");
        var id = CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content))
                .andExpect(status().isCreated()));
        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending"), "{}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("contradicts-bar"))
                .andExpect(jsonPath("$.detail").value(containsString("offence-within-scope")));
        mvc.perform(get("/api/requests/" + id).with(CaseworkApiTest.as(Role.CASEWORKER)))
                .andExpect(jsonPath("$.state").value("draft"))
                .andExpect(jsonPath("$.version").value(1));
        // Assessed when drafted and again when sending was proposed: the same version, the same bar.
        assertThat(safeguards.ofRequest(UUID.fromString(id))).hasSize(2).allSatisfy(s -> {
            assertThat(s.assessment().version()).isEqualTo(1);
            assertThat(s.assessment().hasBar()).isTrue();
        });
    }

    private static String withOnwardTransferWithoutConsent() {
        var conditions = "\"conditions\": {\"speciality\": true, \"onwardTransferNeedsConsent\": true}";
        if (!CaseworkApiTest.CONTENT.contains(conditions)) {
            throw new IllegalStateException("CaseworkApiTest.CONTENT changed its use conditions");
        }
        return CaseworkApiTest.CONTENT.replace(
                conditions,
                "\"conditions\": {\"speciality\": true, \"onwardTransferNeedsConsent\": false,"
                        + " \"onwardTransferTo\": [\"FR\"]}");
    }

    private String registered(String content) throws Exception {
        return CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests/incoming"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content))
                .andExpect(status().isCreated()));
    }

    private String underReview(String content) throws Exception {
        var id = registered(content);
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/review"), "{}")
                .andExpect(jsonPath("$.state").value("under-review"));
        return id;
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.with(CaseworkApiTest.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
