package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.comity.casework.CaseworkApiTest.CONTENT;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.domain.RequestContent;
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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Human references of this node (XA here), the other State's reference, and the channel and day a
 * request travelled, through the API and the console. Each test class has a database of its own, so
 * the numbers counted here start at 1.
 */
@NodeTest
@TestPropertySource(
        properties = {
            "comity.casework.watch-enabled=false",
            "comity.casework.reference-state=XA",
            FictionalUncc.PROPERTY
        })
class CaseReferencesTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Casework casework;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Treaties treaties;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    @Test
    void referencesAreSequentialPerYearNamedByKindFamilyAndKeptOnWithdrawal() throws Exception {
        var first = draft("STORED_DATA");
        var second = draft("EXTRADITION");
        assertThat(number(first.get("reference").asString()) + 1)
                .isEqualTo(number(second.get("reference").asString()));
        assertThat(first.get("reference").asString()).matches("XA-MLA-2026-\\d{6}");
        assertThat(second.get("reference").asString()).matches("XA-EXT-2026-\\d{6}");

        var id = first.get("id").asString();
        call(Role.CASEWORKER, post("/api/requests/" + id + "/withdrawal"), "{\"reason\": \"duplicate\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("withdrawn"))
                .andExpect(jsonPath("$.reference").value(first.get("reference").asString()));
        // The withdrawn request keeps its number; the next one takes a new one.
        var third = draft("STORED_DATA");
        assertThat(number(third.get("reference").asString()))
                .isEqualTo(number(second.get("reference").asString()) + 1);

        mvc.perform(get("/api/requests/" + id + "/audit").with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(
                        jsonPath("$[0].reference").value(first.get("reference").asString()));
    }

    @Test
    void eightConcurrentCreationsTakeEightDifferentConsecutiveNumbers() throws Exception {
        var ready = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(8);
        var references = new ArrayList<String>();
        try {
            var results = new ArrayList<Future<String>>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    ready.await();
                    return casework.draft(KindOfAssistance.STORED_DATA, empty(), TestAccounts.username(Role.CASEWORKER))
                            .reference()
                            .orElseThrow();
                }));
            }
            ready.countDown();
            for (var result : results) {
                references.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new HashSet<>(references)).hasSize(8);
        var numbers =
                references.stream().map(CaseReferencesTest::number).sorted().toList();
        assertThat(numbers.getLast() - numbers.getFirst()).isEqualTo(7);
        assertThat(jdbc.sql("SELECT count(DISTINCT reference) FROM casework_request WHERE reference = ANY(?)")
                        .param(references.toArray(String[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(8);
    }

    @Test
    void aYearsNumbersStartAtOneAndANumberTakenByARolledBackCreationIsNeverGivenAgain() {
        // The year's first creation makes its sequence; rolled back, it takes the sequence with it,
        // and no request holds the number, so the next creation starts the year at 1 again.
        assertThat(takenAndRolledBack(2101)).isEqualTo(1);
        assertThat(nextNumber(2101)).isEqualTo(1);
        assertThat(nextNumber(2101)).isEqualTo(2);
        // Once the sequence exists, a rolled-back creation leaves a gap: its number is not reused.
        assertThat(takenAndRolledBack(2101)).isEqualTo(3);
        assertThat(nextNumber(2101)).isEqualTo(4);
    }

    @Autowired
    org.comity.casework.persistence.JdbcRequests requests;

    @Autowired
    org.comity.casework.domain.ReferenceFormat references;

    @Autowired
    org.comity.casework.domain.TimeLimits limits;

    /** The statement that stores a request writes its number as ReferenceFormat does: six digits or more. */
    @Test
    void theStoredReferenceIsTheFormatsWithNumbersPastSixDigitsWrittenWhole() {
        nextNumber(2103);
        jdbc.sql("SELECT setval('casework_reference_2103', 999998)")
                .query(Long.class)
                .single();
        var at = Instant.parse("2103-05-01T10:00:00Z");
        var actor = new org.comity.casework.domain.Actor(
                TestAccounts.username(Role.CASEWORKER), java.util.Set.of(Role.CASEWORKER));
        var stored = new ArrayList<String>();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            for (var kind : List.of(KindOfAssistance.STORED_DATA, KindOfAssistance.EXTRADITION)) {
                var draft = org.comity.casework.domain.Request.draft(
                                java.util.UUID.randomUUID(), kind, empty(), actor, at, limits)
                        .request();
                var reference =
                        requests.insert(draft, at, null, references).reference().orElseThrow();
                assertThat(jdbc.sql("SELECT reference FROM casework_request WHERE id = ?")
                                .param(draft.id())
                                .query(String.class)
                                .single())
                        .isEqualTo(reference);
                stored.add(reference);
            }
            status.setRollbackOnly();
        });
        assertThat(stored)
                .containsExactly(
                        references.format(KindOfAssistance.STORED_DATA, 2103, 999_999),
                        references.format(KindOfAssistance.EXTRADITION, 2103, 1_000_000));
        assertThat(stored).containsExactly("XA-MLA-2103-999999", "XA-EXT-2103-1000000");
    }

    private long nextNumber(int year) {
        return jdbc.sql("SELECT casework_next_reference_number(?)")
                .param(year)
                .query(Long.class)
                .single();
    }

    /** The number a creation took in a transaction that then rolled back. */
    private long takenAndRolledBack(int year) {
        var taken = new long[1];
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            taken[0] = nextNumber(year);
            status.setRollbackOnly();
        });
        return taken[0];
    }

    @Test
    void theListFilterFindsARequestByEitherReferenceAndTheConsoleShowsIt() throws Exception {
        var request = draft("STORED_DATA");
        draft("STORED_DATA");
        var reference = request.get("reference").asString();
        var id = request.get("id").asString();

        mvc.perform(get("/api/requests")
                        .param("q", reference.toLowerCase(java.util.Locale.ROOT))
                        .with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.items[0].reference").value(reference));

        call(
                        Role.CASEWORKER,
                        put("/api/requests/" + id + "/counterpart-reference"),
                        "{\"counterpartReference\": \"  XB/MoJ/2026-17 \"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.counterpartReference").value("XB/MoJ/2026-17"));
        mvc.perform(get("/api/requests").param("q", "xb/moj/2026-17").with(as(Role.AUDITOR)))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(id));
        mvc.perform(get("/api/requests/" + id + "/audit").with(as(Role.AUDITOR)))
                .andExpect(jsonPath("$[1].actions[0].code").value("recorded-counterpart-reference"));

        var console = user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER");
        var list = mvc.perform(get("/requests").with(console))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list).contains(">" + reference + "<");
        var page = mvc.perform(get("/requests/" + id).with(console))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains(">" + reference + "<").contains("XB/MoJ/2026-17");
    }

    @Test
    void theCounterpartReferenceIsBoundedAndPlain() throws Exception {
        var id = draft("STORED_DATA").get("id").asString();
        call(
                        Role.CASEWORKER,
                        put("/api/requests/" + id + "/counterpart-reference"),
                        "{\"counterpartReference\": \"" + "A".repeat(101) + "\"}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("counterpartReference"))
                .andExpect(jsonPath("$.errors[0].rule").value("reference-length"));
        call(
                        Role.CASEWORKER,
                        put("/api/requests/" + id + "/counterpart-reference"),
                        "{\"counterpartReference\": \"XB\\u202e17\"}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].rule").value("reference-characters"));
        call(Role.AUDITOR, put("/api/requests/" + id + "/counterpart-reference"), "{\"counterpartReference\": \"X1\"}")
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/requests/" + id).with(as(Role.AUDITOR)))
                .andExpect(jsonPath("$.version").value(1))
                .andExpect(jsonPath("$.counterpartReference").doesNotExist());
    }

    @Test
    void anIncomingRequestRecordsItsChannelDayOfReceiptAndTheRequestingStatesReference() throws Exception {
        call(Role.CASEWORKER, post("/api/requests/incoming"), """
                        {"kind": "STORED_DATA", "content": %s, "receivedAt": "2026-02-27T16:30:00Z",
                         "channel": "PAPER", "counterpartReference": "XA-PG-2026/0042"}
                        """.formatted(CONTENT))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reference").value(org.hamcrest.Matchers.matchesPattern("XA-MLA-2026-\\d{6}")))
                .andExpect(jsonPath("$.channel").value("PAPER"))
                .andExpect(jsonPath("$.channelOn").value("2026-02-27"))
                .andExpect(jsonPath("$.counterpartReference").value("XA-PG-2026/0042"));

        long before = count();
        call(Role.CASEWORKER, post("/api/requests/incoming"), """
                        {"kind": "STORED_DATA", "content": %s, "receivedAt": "2026-03-03T09:00:00Z", "channel": "EMAIL"}
                        """.formatted(CONTENT))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("receivedAt"))
                .andExpect(jsonPath("$.errors[0].rule").value("received-in-future"));
        call(Role.CASEWORKER, post("/api/requests/incoming"), """
                        {"kind": "STORED_DATA", "content": %s, "channel": "CARRIER_PIGEON"}
                        """.formatted(CONTENT))
                .andExpect(status().is4xxClientError())
                .andExpect(jsonPath("$.errors[0].field").value("channel"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void sendingRecordsTheChannelAndDayOfTransmissionNeverInTheFuture() throws Exception {
        var id = draft("STORED_DATA", CONTENT).get("id").asString();
        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending"), "{}").andExpect(status().isOk());
        call(
                        Role.SUPERVISOR,
                        post("/api/requests/" + id + "/sending/approval"),
                        "{\"channel\": \"DIPLOMATIC\", \"transmittedOn\": \"2026-03-03\"}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("transmittedOn"))
                .andExpect(jsonPath("$.errors[0].rule").value("date-in-future"));
        call(Role.SUPERVISOR, post("/api/requests/" + id + "/sending/approval"), "{\"transmittedOn\": \"2026-03-01\"}")
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.errors[0].field").value("channel"));
        call(Role.SUPERVISOR, post("/api/requests/" + id + "/sending/approval"), "{\"channel\": \"NETWORK_24_7\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("submitted"))
                .andExpect(jsonPath("$.channel").value("NETWORK_24_7"))
                .andExpect(jsonPath("$.channelOn").value("2026-03-02"));
    }

    @Test
    void requestsNumberedByTheMigrationGetTheirTextFromTheConfiguredFormat() throws Exception {
        var id = draft("STORED_DATA").get("id").asString();
        var number = jdbc.sql("SELECT reference_number FROM casework_request WHERE id = ?::uuid")
                .param(id)
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE casework_request SET reference = NULL WHERE id = ?::uuid")
                .param(id)
                .update();
        casework.writeMissingReferences();
        mvc.perform(get("/api/requests/" + id).with(as(Role.AUDITOR)))
                .andExpect(jsonPath("$.reference").value("XA-MLA-2026-%06d".formatted(number)));
    }

    private long count() {
        return jdbc.sql("SELECT count(*) FROM casework_request")
                .query(Long.class)
                .single();
    }

    private static long number(String reference) {
        return Long.parseLong(reference.substring(reference.lastIndexOf('-') + 1));
    }

    private JsonNode draft(String kind) throws Exception {
        return draft(kind, "{}");
    }

    private JsonNode draft(String kind, String content) throws Exception {
        var body = call(Role.CASEWORKER, post("/api/requests"), """
                        {"kind": "%s", "content": %s}
                        """.formatted(kind, content))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return CaseworkApiTest.JSON.readTree(body);
    }

    private static RequestContent empty() {
        return new RequestContent(null, null, null, List.of(), null, List.of(), null, null, null, null, null, null);
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(
                request.with(as(role)).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }
}
