package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.domain.RequestContent;
import org.comity.casework.persistence.CaseworkJson;
import org.comity.shared.Conflict;
import org.comity.testing.FictionalUncc;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.KindOfAssistance;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests through the REST API only, between fictional States, with the node's clock under control. */
@NodeTest
@RecordApplicationEvents
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
public class CaseworkApiTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }

    static final JsonMapper JSON =
            JsonMapper.builder().addModule(CaseworkJson.module()).build();

    /** A complete request for stored subscriber data from XA (requesting) to XB (requested). */
    public static final String CONTENT = """
            {"requestingAuthority": {"name": "Central Authority of Xanadu", "state": "XA"},
             "requestedAuthority": {"name": "Ministry of Justice of Xebia", "state": "XB"},
             "legalBasis": "UNCC",
             "offences": [{"domesticProvision": "Penal Code s. 301", "conductCategories": ["ict-theft-or-fraud"],
                           "maximumPenaltyMonths": 96}],
             "summaryOfFacts": "Online fraud against pensioners through a fake investment site.",
             "subjects": [{"role": "ACCOUNT_HOLDER", "identifiers": [{"type": "IP_ADDRESS", "value": "203.0.113.7",
                           "observedAt": "2026-01-10T12:00:00Z", "timeZone": "Europe/Paris"}]}],
             "dataSought": {"categories": ["SUBSCRIBER"], "from": "2026-01-01T00:00:00Z",
                            "to": "2026-01-31T00:00:00Z", "provider": "Example Hosting Ltd"},
             "purpose": "Identify the operator of the site for prosecution.",
             "urgency": {"level": "NORMAL"},
             "safeguards": {"authorisingBody": "Investigating judge", "judicialOrIndependent": true,
                            "legalGrounds": "CCP art. 12", "proportionality": "one month, subscriber data only"},
             "confidentiality": {"required": true, "endsOn": "2027-01-01"},
             "conditions": {"speciality": true, "onwardTransferNeedsConsent": true}}
            """;

    /** An incoming request from QM asking this node (XB) about a journalist: abusive on purpose. */
    static final String ABUSIVE = """
            {"requestingAuthority": {"name": "Prosecutor General of Qmland", "state": "QM"},
             "requestedAuthority": {"name": "Ministry of Justice of Xebia", "state": "XB"},
             "legalBasis": "UNCC",
             "offences": [{"domesticProvision": "Criminal Code art. 207.3 (false information)",
                           "conductCategories": ["discrediting-armed-forces"], "maximumPenaltyMonths": 180}],
             "summaryOfFacts": "Publication of articles criticising the army.",
             "subjects": [{"role": "SUSPECT", "name": "A. Writer", "identifiers": [{"type": "EMAIL",
                           "value": "writer@example.org"}]}],
             "dataSought": {"categories": ["CONTENT"], "from": "2025-01-01T00:00:00Z",
                            "to": "2026-01-01T00:00:00Z", "provider": "Example Mail"},
             "purpose": "Prosecution"}
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Casework casework;

    @Autowired
    DeadlineWatch watch;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    Treaties treaties;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    @Test
    void anIncomingRequestIsRegisteredReviewedAndRefusedWithConsultationAndReasons() throws Exception {
        var registered = call(Role.CASEWORKER, post("/api/requests/incoming"), """
                        {"kind": "STORED_DATA", "content": %s}
                        """.formatted(ABUSIVE))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("received"))
                .andExpect(jsonPath("$.direction").value("INCOMING"))
                .andExpect(jsonPath("$.content.requestingAuthority.state").value("QM"))
                // Registered although incomplete: the missing safeguards are for the reviewer to weigh.
                .andExpect(jsonPath("$.contentProblems[?(@.rule == 'authorising-body-required')]")
                        .exists());
        var id = id(registered);
        var stored = casework.get(UUID.fromString(id));
        assertThat(stored.dueAt(clock.instant())).contains(stored.createdAt().plus(Duration.ofDays(60)));
        assertThat(events.stream(RequestReceived.class)).singleElement().satisfies(e -> {
            assertThat(e.request().requestingState().value()).isEqualTo("QM");
            assertThat(e.request().kind()).isEqualTo("stored-data");
            assertThat(e.request().conductCategories()).containsExactly("discrediting-armed-forces");
        });

        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/review"), "{\"expectedVersion\": 1}")
                .andExpect(jsonPath("$.state").value("under-review"));
        var refusal = """
                {"outcome": "refused", "assessment": {"groundOrConcern": true, "note": "expression-related offence"},
                 "reasons": [{"ground": "PERSECUTION", "explanation": "the request seeks a journalist's sources"},
                             {"ground": "NO_DUAL_CRIMINALITY", "explanation": "publishing criticism is no crime here"}]}
                """;
        // Refusing needs a recorded consultation first.
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), refusal)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("consultation-required"));
        // Reasons are mandatory.
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), "{\"outcome\": \"refused\"}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].rule").value("reasons-required"));
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/consultations"), """
                        {"with": "Prosecutor General of Qmland",
                         "summary": "asked whether the request could be limited to non-journalistic material; it could not"}
                        """)
                .andExpect(status().isOk());
        // The assessment raised a concern: the decision waits for a supervisor.
        var proposed = call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), refusal)
                .andExpect(jsonPath("$.state").value("awaiting-decision-approval"));
        assertThat(events.stream(RequestDecided.class)).isEmpty();
        call(Role.SUPERVISOR, post("/api/requests/" + id + "/decision/approval"), approval(proposed))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("refused"))
                .andExpect(jsonPath("$.stateDetails.decision.reasons.length()").value(2))
                .andExpect(jsonPath("$.stateDetails.consultations.length()").value(1))
                .andExpect(jsonPath("$.stateDetails.approvedBy").value(TestAccounts.username(Role.SUPERVISOR)));
        assertThat(events.stream(RequestDecided.class)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("refused");
            assertThat(e.refusalGrounds()).containsExactlyInAnyOrder("no-dual-criminality", "persecution");
            assertThat(e.secondApproval()).isTrue();
        });
        call(Role.CASEWORKER, post("/api/requests/" + id + "/closure"), "{}")
                .andExpect(jsonPath("$.state").value("closed"))
                .andExpect(jsonPath("$.dueAt").doesNotExist());

        mvc.perform(get("/api/requests/" + id + "/audit").with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                // Refused attempts change nothing and leave no line.
                .andExpect(jsonPath("$.length()").value(6))
                .andExpect(jsonPath("$[0].action").value("registered incoming request"))
                .andExpect(jsonPath("$[4].actor").value(TestAccounts.username(Role.SUPERVISOR)))
                .andExpect(jsonPath("$[4].fromState").value("awaiting-decision-approval"))
                .andExpect(jsonPath("$[4].toState").value("refused"))
                .andExpect(jsonPath("$[4].actions[0].code").value("approved-decision"))
                .andExpect(jsonPath("$[4].actions[0].args[0]").value("refused"))
                .andExpect(jsonPath("$[5].fromVersion").value(5))
                .andExpect(jsonPath("$[5].toVersion").value(6));
    }

    @Test
    void anOutgoingRequestIsDraftedSentGrantedAndExecuted() throws Exception {
        // A draft may be incomplete, but cannot be sent until every problem is fixed.
        var draft = call(Role.CASEWORKER, post("/api/requests"), "{\"kind\": \"STORED_DATA\", \"content\": {}}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.state").value("draft"))
                .andExpect(jsonPath("$.version").value(1));
        var id = id(draft);
        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending"), "{}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.length()").value(12))
                // Each content problem cites the article it rests on, from the articles catalogue.
                .andExpect(jsonPath("$.errors[?(@.rule == 'facts-required')].citation")
                        .value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("40(15)"))))
                .andExpect(jsonPath("$.errors[?(@.rule == 'facts-required')].citation")
                        .value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("[V]"))));
        call(
                        Role.CASEWORKER,
                        put("/api/requests/" + id + "/content"),
                        "{\"expectedVersion\": 1, \"content\": %s}".formatted(CONTENT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.contentProblems.length()").value(0));

        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending"), "{\"expectedVersion\": 2}")
                .andExpect(jsonPath("$.state").value("awaiting-send-approval"));
        // A caseworker cannot approve, and nothing has been sent yet.
        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending/approval"), "{}")
                .andExpect(status().isForbidden());
        assertThat(events.stream(RequestSubmitted.class)).isEmpty();
        call(Role.SUPERVISOR, post("/api/requests/" + id + "/sending/approval"), "{}")
                .andExpect(jsonPath("$.state").value("submitted"));
        assertThat(events.stream(RequestSubmitted.class)).singleElement().satisfies(e -> {
            assertThat(e.request().requestedState().value()).isEqualTo("XB");
            assertThat(e.request().legalBasis()).isEqualTo("UNCC");
            assertThat(e.request().emergency()).isFalse();
        });

        // The requesting side does not review or decide its own request: it records what the
        // requested State did, here by hand (a paper channel), through the command endpoints.
        call(Role.CASEWORKER, post("/api/requests/" + id + "/review"), "{}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("transition-not-allowed"));
        call(Role.CASEWORKER, get("/api/requests/" + id + "/actions"), "")
                .andExpect(jsonPath("$[*].code")
                        .value(org.hamcrest.Matchers.contains(
                                "record-acknowledgement",
                                "record-information-request",
                                "record-counterpart-consultation",
                                "record-counterpart-decision",
                                "withdraw",
                                "assign",
                                "record-counterpart-reference")));
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/actions/record-acknowledgement"), """
                        {"reference": "XB-MLA-2026-000017"}""")
                .andExpect(status().isForbidden());
        call(Role.CASEWORKER, post("/api/requests/" + id + "/actions/record-acknowledgement"), """
                        {"reference": "XB-MLA-2026-000017", "expectedVersion": 4}""")
                .andExpect(jsonPath("$.state").value("acknowledged"));
        call(Role.CASEWORKER, post("/api/requests/" + id + "/actions/record-information-request"), """
                        {"what": "the account's creation date"}""")
                .andExpect(jsonPath("$.state").value("information-asked"))
                .andExpect(jsonPath("$.clockStopped").value(true));
        call(Role.CASEWORKER, post("/api/requests/" + id + "/actions/answer-information"), "{\"answer\": \"\"}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("answer"));
        call(Role.CASEWORKER, post("/api/requests/" + id + "/actions/answer-information"), """
                        {"answer": "5 January 2026"}""")
                .andExpect(jsonPath("$.clockStopped").value(false));
        call(Role.CASEWORKER, post("/api/requests/" + id + "/actions/record-counterpart-decision"), """
                        {"decision": {"outcome": "granted-with-conditions", "conditions": ["only for these proceedings"]}}""")
                .andExpect(jsonPath("$.state").value("granted-by-counterpart"));
        call(Role.CASEWORKER, post("/api/requests/" + id + "/actions/record-counterpart-execution"), """
                        {"evidenceTransmitted": true}""")
                .andExpect(jsonPath("$.state").value("executed-by-counterpart"));
        // This side's log records what it was told on paper: no message, so no pairing token.
        assertThat(events.stream(RequestDecided.class)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("granted-with-conditions");
            assertThat(e.secondApproval()).isFalse();
            assertThat(e.pairing()).isNull();
        });
        assertThat(events.stream(RequestExecuted.class)).singleElement().satisfies(e -> {
            assertThat(e.evidenceTransmitted()).isTrue();
            assertThat(e.pairing()).isNull();
        });
        call(Role.CASEWORKER, post("/api/requests/" + id + "/actions/no-such-action"), "{}")
                .andExpect(status().isNotFound());
        call(Role.CASEWORKER, post("/api/requests/" + id + "/closure"), "{}")
                .andExpect(jsonPath("$.state").value("closed"));

        // Illegal transitions through the API are conflicts that name the rule.
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + id + "/decision"), "{\"outcome\": \"granted\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("transition-not-allowed"));
        call(Role.CASEWORKER, post("/api/requests/" + id + "/withdrawal"), "{\"reason\": \"too late\"}")
                .andExpect(status().isConflict());
    }

    @Test
    void theSameUserCannotGiveTheSecondApproval() throws Exception {
        var supervisorAndCaseworker = "sam.both";
        accounts.register(
                new org.comity.accounts.NewAccount(
                        supervisorAndCaseworker,
                        "Sam",
                        java.util.Set.of(Role.CASEWORKER, Role.SUPERVISOR),
                        TestAccounts.PASSWORD),
                "test");
        var id = id(mvc.perform(post("/api/requests")
                        .with(httpBasic(supervisorAndCaseworker, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CONTENT)))
                .andExpect(status().isCreated()));
        mvc.perform(post("/api/requests/" + id + "/sending")
                        .with(httpBasic(supervisorAndCaseworker, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/requests/" + id + "/sending/approval")
                        .with(httpBasic(supervisorAndCaseworker, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.rule").value("four-eyes-same-user"));
    }

    @Test
    void twoConcurrentEditsOfOneDraftGiveOneConflictAndNoLostUpdate() throws Exception {
        var id = casework.draft(KindOfAssistance.STORED_DATA, empty(), TestAccounts.username(Role.CASEWORKER))
                .id();
        var ready = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var results = new ArrayList<Future<String>>();
            for (String facts : List.of("first version of the facts", "second version of the facts")) {
                results.add(pool.submit(() -> {
                    ready.await();
                    try {
                        casework.updateDraft(id, 1, withFacts(facts), TestAccounts.username(Role.CASEWORKER));
                        return "stored";
                    } catch (Conflict e) {
                        return e.rule();
                    }
                }));
            }
            ready.countDown();
            var outcomes = new ArrayList<String>();
            for (var result : results) {
                outcomes.add(result.get());
            }
            assertThat(outcomes).containsExactlyInAnyOrder("stored", "stale-version");
        } finally {
            pool.shutdown();
        }
        var stored = casework.get(id);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(casework.auditTrail(id)).hasSize(2);

        // Through the API, a stale expected version is a 409 and changes nothing.
        call(
                        Role.CASEWORKER,
                        put("/api/requests/" + id + "/content"),
                        "{\"expectedVersion\": 1, \"content\": %s}".formatted(CONTENT))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("/problems/conflict"))
                .andExpect(jsonPath("$.rule").value("stale-version"));
        assertThat(casework.get(id).content().summaryOfFacts())
                .isEqualTo(stored.content().summaryOfFacts());
    }

    @Test
    void theAuditTrailAndCommentsAreAppendOnly() throws Exception {
        var id = casework.draft(KindOfAssistance.EXTRADITION, empty(), TestAccounts.username(Role.CASEWORKER))
                .id();
        call(Role.CASEWORKER, post("/api/requests/" + id + "/comments"), "{\"body\": \"call the prosecutor\"}")
                .andExpect(status().isCreated());
        for (String table : List.of("casework_audit", "casework_comment")) {
            assertThatThrownBy(
                            () -> jdbc.sql("UPDATE " + table + " SET at = at").update())
                    .rootCause()
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> jdbc.sql("DELETE FROM " + table).update())
                    .rootCause()
                    .hasMessageContaining("append-only");
        }
    }

    @Test
    void auditorsReadButChangeNothing() throws Exception {
        var id = casework.draft(KindOfAssistance.STORED_DATA, empty(), TestAccounts.username(Role.CASEWORKER))
                .id();
        mvc.perform(get("/api/requests/" + id).with(as(Role.AUDITOR))).andExpect(status().isOk());
        mvc.perform(get("/api/requests").with(as(Role.AUDITOR))).andExpect(status().isOk());
        call(Role.AUDITOR, post("/api/requests"), "{\"kind\": \"STORED_DATA\"}").andExpect(status().isForbidden());
        call(Role.AUDITOR, post("/api/requests/" + id + "/withdrawal"), "{\"reason\": \"x\"}")
                .andExpect(status().isForbidden());
        call(Role.AUDITOR, post("/api/requests/" + id + "/comments"), "{\"body\": \"x\"}")
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/requests/" + UUID.randomUUID()).with(as(Role.AUDITOR)))
                .andExpect(status().isNotFound());
    }

    @Test
    void missedDeadlinesAreAnnouncedOnceAndTheClockStopsWhileInformationIsAwaited() throws Exception {
        var emergency = casework.registerIncoming(
                KindOfAssistance.EMERGENCY_DISCLOSURE,
                JSON.readValue(
                        ABUSIVE.replace("\"purpose\"", "\"urgency\": {\"level\": \"EMERGENCY\"}, \"purpose\""),
                        RequestContent.class),
                null,
                TestAccounts.username(Role.CASEWORKER));
        var waiting = casework.registerIncoming(
                KindOfAssistance.EMERGENCY_DISCLOSURE,
                JSON.readValue(ABUSIVE, RequestContent.class),
                null,
                TestAccounts.username(Role.CASEWORKER));
        casework.startReview(waiting.id(), null, TestAccounts.username(Role.CASEWORKER));
        casework.requestInformation(waiting.id(), null, "the imminent risk", TestAccounts.username(Role.CASEWORKER));

        clock.advance(Duration.ofHours(7));
        assertThat(watch.run()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(watch.run()).isEqualTo(1);
        assertThat(watch.run()).isZero();
        assertThat(events.stream(DeadlineMissed.class)).singleElement().satisfies(e -> {
            assertThat(e.request().requestId()).isEqualTo(emergency.id());
            assertThat(e.dueAt()).isEqualTo(emergency.createdAt().plus(Duration.ofHours(8)));
        });
        mvc.perform(get("/api/requests?dueBefore=2026-03-02T18:00:00Z&direction=INCOMING")
                        .with(as(Role.SUPERVISOR)))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(emergency.id().toString()));
        assertThat(casework.auditTrail(emergency.id()))
                .extracting(AuditEntry::actor, AuditEntry::action)
                .contains(org.assertj.core.groups.Tuple.tuple("system", "deadline missed"));
        clock.advance(Duration.ofHours(-9));
    }

    @Test
    void listsFilterPageSortAndSearchFacts() throws Exception {
        var caseworker = TestAccounts.username(Role.CASEWORKER);
        casework.draft(KindOfAssistance.STORED_DATA, withFacts("listtest ransomware attack on a hospital"), caseworker);
        clock.advance(Duration.ofMinutes(1));
        casework.draft(KindOfAssistance.STORED_DATA, withFacts("listtest phishing of bank customers"), caseworker);
        clock.advance(Duration.ofMinutes(1));
        var incoming = casework.registerIncoming(
                KindOfAssistance.INTERCEPTION,
                JSON.readValue(ABUSIVE.replace("\"QM\"", "\"QZ\""), RequestContent.class),
                null,
                caseworker);
        casework.assign(incoming.id(), null, TestAccounts.username(Role.LEGAL_REVIEWER), caseworker);

        mvc.perform(get("/api/requests?q=hospital").with(as(Role.CASEWORKER)))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].content.summaryOfFacts")
                        .value("listtest ransomware attack on a hospital"));
        mvc.perform(get("/api/requests?counterpart=qz").with(as(Role.CASEWORKER)))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/requests?assignee=" + TestAccounts.username(Role.LEGAL_REVIEWER)
                                + "&kind=INTERCEPTION&state=received")
                        .with(as(Role.CASEWORKER)))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/requests?q=listtest&direction=OUTGOING&sort=CREATED&descending=true&size=1&page=0")
                        .with(as(Role.CASEWORKER)))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].content.summaryOfFacts").value("listtest phishing of bank customers"));
        mvc.perform(get("/api/requests?size=500&page=-1").with(as(Role.CASEWORKER)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors.length()").value(2));
    }

    private static RequestContent empty() {
        return new RequestContent(null, null, null, List.of(), null, List.of(), null, null, null, null, null, null);
    }

    private static RequestContent withFacts(String facts) {
        return new RequestContent(null, null, null, List.of(), facts, List.of(), null, null, null, null, null, null);
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(
                request.with(as(role)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    /** Basic authentication as the test account of a role. */
    static org.springframework.test.web.servlet.request.RequestPostProcessor as(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }

    /**
     * The body of a second approval of the decision a response shows awaiting approval: it names the
     * proposal's fingerprint, as the approver read it.
     */
    static String approval(JsonNode view) {
        return "{\"proposal\": \"" + view.get("proposalFingerprint").asString() + "\"}";
    }

    static String approval(ResultActions result) throws Exception {
        return approval(JSON.readTree(result.andReturn().getResponse().getContentAsString()));
    }

    /** The id in a JSON response (a created request). */
    static String id(ResultActions result) throws Exception {
        JsonNode node = JSON.readTree(result.andReturn().getResponse().getContentAsString());
        return node.get("id").asString();
    }
}
