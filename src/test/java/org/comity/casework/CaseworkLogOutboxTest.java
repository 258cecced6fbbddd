package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.transparency.LogWriters;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15 items 4 and 5: every acknowledged change reaches the public log — under concurrency, and
 * when the log writer was down when the change was made — and content no log entry could hold is
 * refused when it is written, storing nothing.
 */
@NodeTest
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class CaseworkLogOutboxTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    /** Bearer tokens: a password check per call would serialise the clients on Argon2id. */
    final Map<Role, String> tokens = new EnumMap<>(Role.class);

    @BeforeEach
    void accounts() {
        if (accounts.find(TestAccounts.username(Role.CASEWORKER)).isEmpty()) {
            TestAccounts.createOnePerRole(accounts);
        }
        FictionalUncc.inForce(treaties);
        for (Role role : List.of(Role.CASEWORKER, Role.SUPERVISOR)) {
            tokens.put(
                    role,
                    accounts.issueToken(TestAccounts.username(role), "outbox test", Duration.ofHours(1))
                            .secret());
        }
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + tokens.get(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    /** A draft proposed for sending, waiting for the supervisor's approval. */
    private String proposedDraft() throws Exception {
        var id = CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT))
                .andExpect(status().isCreated()));
        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending"), "{}").andExpect(status().isOk());
        return id;
    }

    /** Approves sending and returns the log event id of the acknowledged change ("request-sent"). */
    private UUID approve(String id) throws Exception {
        var response = call(Role.SUPERVISOR, post("/api/requests/" + id + "/sending/approval"), "{}")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long version = JSON.readTree(response).get("version").asLong();
        return UUID.nameUUIDFromBytes((id + "/" + version + "/request-sent").getBytes(StandardCharsets.UTF_8));
    }

    private long logged(List<UUID> eventIds) {
        return jdbc.sql("SELECT count(*) FROM log_entry WHERE event_id = ANY(?)")
                .param(new SqlArrayValue("uuid", eventIds.toArray()))
                .query(Long.class)
                .single();
    }

    private void awaitLogged(List<UUID> eventIds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (logged(eventIds) < eventIds.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(logged(eventIds)).as("acknowledged changes on the log").isEqualTo(eventIds.size());
    }

    @Test
    void everyTransitionAcknowledgedToConcurrentClientsIsOnTheLog() throws Exception {
        var drafts = new ArrayList<String>();
        for (int i = 0; i < 32; i++) {
            drafts.add(proposedDraft());
        }
        // 8 clients approve at once: more than the listener executor (4) and close to the pool (10)
        // that the event-registry hand-off deadlocked on.
        var approvals = new ArrayList<Future<UUID>>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (var id : drafts) {
                approvals.add(pool.submit((Callable<UUID>) () -> approve(id)));
            }
        }
        var eventIds = new ArrayList<UUID>();
        for (var approval : approvals) {
            eventIds.add(approval.get());
        }
        awaitLogged(eventIds);
        assertThat(jdbc.sql("SELECT count(*) FROM log_outbox").query(Long.class).single())
                .isZero();
        // Exactly once: one entry per acknowledged change.
        assertThat(jdbc.sql("SELECT count(*) FROM log_entry").query(Long.class).single())
                .isEqualTo(eventIds.size()
                        + jdbc.sql("SELECT count(*) FROM log_entry WHERE NOT event_id = ANY(?)")
                                .param(new SqlArrayValue("uuid", eventIds.toArray()))
                                .query(Long.class)
                                .single());
    }

    @Test
    void changesAcknowledgedWhileTheWriterIsDownAreLoggedByTheNextStart() throws Exception {
        var drafts = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            drafts.add(proposedDraft());
        }
        LogWriters.stop(context);
        var eventIds = new ArrayList<UUID>();
        for (var id : drafts) {
            eventIds.add(approve(id)); // acknowledged: 200, although the writer is not running
        }
        Thread.sleep(300);
        assertThat(logged(eventIds)).isZero();
        try (var next = LogWriters.startNew(context)) {
            awaitLogged(eventIds);
        }
    }

    @Test
    void aLegalBasisNoLogEntryCanHoldIsRefusedWhenWrittenAndNothingIsStored() throws Exception {
        long requests = jdbc.sql("SELECT count(*) FROM casework_request")
                .query(Long.class)
                .single();
        var tooLong = CaseworkApiTest.CONTENT.replace("\"UNCC\"", "\"" + "U".repeat(65) + "\"");
        call(Role.CASEWORKER, post("/api/requests"), "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(tooLong))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("content.legalBasis"))
                .andExpect(jsonPath("$.errors[0].rule").value("legal-basis-code"));
        assertThat(jdbc.sql("SELECT count(*) FROM casework_request")
                        .query(Long.class)
                        .single())
                .isEqualTo(requests);

        // The same on an update of a draft, which keeps its version.
        var id = CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT))
                .andExpect(status().isCreated()));
        call(
                        Role.CASEWORKER,
                        put("/api/requests/" + id + "/content"),
                        "{\"expectedVersion\": 1, \"content\": %s}".formatted(tooLong))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("content.legalBasis"));
        assertThat(jdbc.sql("SELECT version FROM casework_request WHERE id = ?::uuid")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // 64 characters is still a code the log can hold.
        call(
                        Role.CASEWORKER,
                        post("/api/requests"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}"
                                .formatted(CaseworkApiTest.CONTENT.replace("\"UNCC\"", "\"" + "U".repeat(64) + "\"")))
                .andExpect(status().isCreated());
    }
}
