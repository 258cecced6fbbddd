package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The refusals page lists what casework refused (V94), what the inbox refused at a step and which
 * deliveries failed (exchange_audit), with a link to the request when its conversation names one. The
 * rows are written as the exchange and casework write them (append-only tables, closed codes).
 */
@NodeTest
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class RefusalPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Treaties treaties;

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    @Test
    void refusalsAndFailedDeliveriesAreListedWithTheirRequest() throws Exception {
        var request = UUID.fromString(JsonMapper.builder()
                .build()
                .readTree(mvc.perform(post("/api/requests")
                                .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"kind\": \"STORED_DATA\", \"content\": %s}"
                                        .formatted(org.comity.casework.CaseworkApiTest.CONTENT)))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asString());
        var linked = UUID.randomUUID();
        var unlinked = UUID.randomUUID();
        var now = Timestamp.from(Instant.now());
        jdbc.sql("""
                        INSERT INTO casework_exchange (request_id, direction, conversation_id, counterpart,
                            request_message_id, pairing_token, linked_at)
                        VALUES (?, 'OUTGOING', ?, 'xb-central-authority', ?, ?, ?)""")
                .params(request, linked, UUID.randomUUID(), "A".repeat(43), now)
                .update();
        jdbc.sql("""
                        INSERT INTO casework_exchange_refusal
                            (message_id, conversation_id, sender, type, rule, answer_id, refused_at)
                        VALUES (?, ?, 'xb-central-authority', 'decision', 'unknown-request', NULL, ?),
                               (?, ?, 'xq-central-authority', 'request', 'state-mismatch', ?, ?)""")
                .params(UUID.randomUUID(), linked, now, UUID.randomUUID(), unlinked, UUID.randomUUID(), now)
                .update();
        var digest = "3f2a".repeat(16);
        jdbc.sql("""
                        INSERT INTO exchange_audit (at, actor, channel, action, outcome, subject)
                        VALUES (?, 'inbox', 'inbox', 'message-receive', 'key-revoked', ?),
                               (?, 'dispatcher', 'outbox', 'message-delivery', 'gave-up', ?)""").params(now, digest, now, UUID.randomUUID().toString()).update();

        mvc.perform(get("/exchange/refusals").with(as(Role.CASEWORKER))).andExpect(status().isForbidden());
        var page = mvc.perform(get("/exchange/refusals").with(as(Role.SUPERVISOR)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("unknown-request")
                .contains("state-mismatch")
                .contains("xq-central-authority")
                .contains(linked.toString())
                .contains("href=\"/requests/" + request + "\"")
                .contains(digest)
                .contains("key-revoked")
                .contains("gave-up");
        // The casework refusals table links the linked conversation only.
        var refused = page.substring(page.indexOf("id=\"refused\""), page.indexOf("id=\"inbox-title\""));
        assertThat(refused.split("href=\"/requests/", -1)).hasSize(2);
        assertThat(refused).contains("none here");
    }

    @Test
    void olderRowsAreOnTheNextPagesNewestFirst() throws Exception {
        // 52 inbox refusals a minute apart, older than the other test's row (if it ran first): the newest on
        // page 1, the two oldest on page 2.
        var start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < RefusalPages.PAGE + 2; i++) {
            jdbc.sql("""
                            INSERT INTO exchange_audit (at, actor, channel, action, outcome, subject)
                            VALUES (?, 'inbox', 'inbox', 'message-receive', 'replayed', ?)""")
                    .params(Timestamp.from(start.plusSeconds(60L * i)), "%064d".formatted(i))
                    .update();
        }
        var first = mvc.perform(get("/exchange/refusals").with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(first)
                .contains("%064d".formatted(RefusalPages.PAGE + 1))
                .doesNotContain("%064d".formatted(0))
                .doesNotContain("%064d".formatted(1))
                .contains("href=\"/exchange/refusals?page=1\"")
                .doesNotContain("rel=\"prev\"");
        var second = mvc.perform(get("/exchange/refusals").param("page", "1").with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(second)
                .contains("%064d".formatted(0))
                .contains("%064d".formatted(1))
                .doesNotContain("%064d".formatted(RefusalPages.PAGE + 1))
                .contains("href=\"/exchange/refusals?page=0\"")
                .doesNotContain("rel=\"next\"");
        mvc.perform(get("/exchange/refusals").param("page", "-1").with(as(Role.AUDITOR)))
                .andExpect(status().isUnprocessableContent());
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(Role role) {
        return user(TestAccounts.username(role)).roles(role.name());
    }
}
