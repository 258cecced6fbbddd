package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15, durability review: requests and events stored before the log's outbox existed. A legal
 * basis stored before the input check no longer blocks transitions or edits, and reaches the log as a
 * closed code, never as its text; an event frozen but never logged is queued once at start.
 */
@NodeTest
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class CaseworkLogBackfillTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Free text as an older version stored it: longer than any code, and personal. */
    static final String FREE_TEXT_BASIS =
            "Mutual assistance treaty between Xanadu and Xebia, as agreed by minister A. Example in 2019";

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

    @Autowired
    LogBackfill backfill;

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
                    accounts.issueToken(TestAccounts.username(role), "backfill test", Duration.ofHours(1))
                            .secret());
        }
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + tokens.get(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private String draft() throws Exception {
        return CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT))
                .andExpect(status().isCreated()));
    }

    /** What an older version stored without the check: written behind the application's back. */
    private void storeLegalBasisDirectly(String id, String basis) {
        jdbc.sql("UPDATE casework_request SET content = jsonb_set(content, '{legalBasis}', to_jsonb(?::text))"
                        + " WHERE id = ?::uuid")
                .params(basis, id)
                .update();
    }

    private long version(String id) {
        return jdbc.sql("SELECT version FROM casework_request WHERE id = ?::uuid")
                .param(id)
                .query(Long.class)
                .single();
    }

    private UUID approve(String id) throws Exception {
        var response = call(Role.SUPERVISOR, post("/api/requests/" + id + "/sending/approval"), "{}")
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        long version = JSON.readTree(response).get("version").asLong();
        return UUID.nameUUIDFromBytes((id + "/" + version + "/request-sent").getBytes(StandardCharsets.UTF_8));
    }

    /** The entry built for an event, whether the writer has appended it yet or not. */
    private String entry(UUID eventId) {
        var bytes = jdbc.sql("SELECT entry FROM log_outbox WHERE event_id = ? UNION ALL"
                        + " SELECT entry FROM log_entry WHERE event_id = ?")
                .params(eventId, eventId)
                .query(byte[].class)
                .list();
        assertThat(bytes).as("entries of event " + eventId).isNotEmpty();
        return new String(bytes.getFirst(), StandardCharsets.UTF_8);
    }

    private String awaitEntry(UUID eventId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var entry = jdbc.sql("SELECT entry FROM log_entry WHERE event_id = ?")
                    .param(eventId)
                    .query(byte[].class)
                    .optional();
            if (entry.isPresent()) {
                return new String(entry.get(), StandardCharsets.UTF_8);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("event " + eventId + " never reached the log");
    }

    private long outboxed(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM log_outbox WHERE event_id = ?")
                .param(eventId)
                .query(Long.class)
                .single();
    }

    @Test
    void aStoredLegalBasisNoCodeCanHoldStaysEditableAndIsLoggedAsAClosedCode() throws Exception {
        var id = draft();
        storeLegalBasisDirectly(id, FREE_TEXT_BASIS);

        // An edit that keeps the stored basis is accepted; a new basis of the same kind is not.
        var edited = CaseworkApiTest.CONTENT
                .replace("\"UNCC\"", JSON.writeValueAsString(FREE_TEXT_BASIS))
                .replace("fake investment site", "fake investment web site");
        call(
                        Role.CASEWORKER,
                        put("/api/requests/" + id + "/content"),
                        "{\"expectedVersion\": 1, \"content\": %s}".formatted(edited))
                .andExpect(status().isOk());
        call(
                        Role.CASEWORKER,
                        put("/api/requests/" + id + "/content"),
                        "{\"expectedVersion\": 2, \"content\": %s}".formatted(edited.replace("in 2019", "in 2020")))
                .andExpect(status().isUnprocessableContent());
        assertThat(version(id)).isEqualTo(2);

        // The basis was the instrument's id when sending was proposed, and became free text later.
        storeLegalBasisDirectly(id, "UNCC");
        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending"), "{}").andExpect(status().isOk());
        storeLegalBasisDirectly(id, FREE_TEXT_BASIS);

        var entry = entry(approve(id));
        assertThat(entry).contains("\"" + TransparencyFeed.UNNAMED_BASIS + "\"");
        assertThat(entry).doesNotContainIgnoringCase("xanadu").doesNotContain("Example");
    }

    @Test
    void aShortFreeTextLegalBasisIsAPersonsWordsAndReachesTheLogOnlyAsTheClosedCode() throws Exception {
        // A basis the code format can hold but no instrument of the catalogue names: a person typed it.
        // (Named before sending is proposed, it would stop sending with the legal-basis bar; the point
        // here is only what the log makes of it.)
        var id = draft();
        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending"), "{}").andExpect(status().isOk());
        storeLegalBasisDirectly(id, "bilateral-mlat-xa-xb-art3");

        var entry = entry(approve(id));
        assertThat(entry).contains("\"" + TransparencyFeed.UNNAMED_BASIS + "\"");
        assertThat(entry).doesNotContain("bilateral").doesNotContain("mlat");
    }

    @Test
    void anEventFrozenButNeverLoggedIsQueuedOnceAtStart() throws Exception {
        var id = draft();
        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending"), "{}").andExpect(status().isOk());
        LogWriters.stop(context);
        var eventId = approve(id);
        // Before the outbox, the record was frozen and the entry could be lost: nothing queued.
        assertThat(jdbc.sql("DELETE FROM log_outbox WHERE event_id = ?")
                        .param(eventId)
                        .update())
                .isEqualTo(1);
        assertThat(backfill.queueUnlogged()).isEqualTo(1);
        assertThat(outboxed(eventId)).isEqualTo(1);
        // Queued already: a second pass (a start cut short, another node) queues nothing.
        assertThat(backfill.queueUnlogged()).isZero();
        assertThat(outboxed(eventId)).isEqualTo(1);
        try (var next = LogWriters.startNew(context)) {
            awaitEntry(eventId);
        }
        // Logged: not queued again either.
        assertThat(backfill.queueUnlogged()).isZero();
        assertThat(outboxed(eventId)).isZero();
    }
}
