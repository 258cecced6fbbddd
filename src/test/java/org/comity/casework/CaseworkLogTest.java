package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.transparency.TransparencyLog;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/** Requests sent, received and decided appear on the public log, without anything confidential. */
@NodeTest
@TestPropertySource(properties = FictionalUncc.PROPERTY)
class CaseworkLogTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    TransparencyLog log;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Treaties treaties;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    ResultActions call(
            Role role, org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String body)
            throws Exception {
        return mvc.perform(request.with(httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @Test
    void aSentRequestAndItsDecisionAreLoggedOnceWithCodesOnly() throws Exception {
        long before = log.size();
        var created = call(
                        Role.CASEWORKER,
                        post("/api/requests"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = UUID.fromString(JSON.readTree(created).get("id").asString());
        call(Role.CASEWORKER, post("/api/requests/" + id + "/sending"), "{}").andExpect(status().isOk());
        call(Role.SUPERVISOR, post("/api/requests/" + id + "/sending/approval"), "{}")
                .andExpect(status().isOk());
        waitForLogSize(before + 1);

        var entry = mvc.perform(get("/api/log/entries/" + before))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var metadata = JSON.readTree(entry).get("entry").toString();
        assertThat(metadata)
                .contains("request-sent")
                .contains("\"XA\"")
                .contains("\"XB\"")
                .contains("ict-theft-or-fraud")
                .contains("uncc")
                .doesNotContain("pensioners")
                .doesNotContain("203.0.113.7")
                .doesNotContain("Example Hosting");

        // The commitment is to the request as it was when sent, frozen in the same transaction.
        assertThat(jdbc.sql("SELECT count(*) FROM casework_public_record WHERE request_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);

        // A decision is logged by the node that takes it: the requested side's (an outgoing request
        // only records the counterpart's decision).
        var received = UUID.fromString(JSON.readTree(call(
                                Role.CASEWORKER,
                                post("/api/requests/incoming"),
                                "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("id")
                .asString());
        waitForLogSize(before + 2);
        before = before + 1;
        call(Role.CASEWORKER, post("/api/requests/" + received + "/review"), "{}")
                .andExpect(status().isOk());
        call(Role.LEGAL_REVIEWER, post("/api/requests/" + received + "/decision"), "{\"outcome\": \"granted\"}")
                .andExpect(status().isOk());
        waitForLogSize(before + 2);
        var decided = mvc.perform(get("/api/log/entries/" + (before + 1)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(JSON.readTree(decided).get("entry").toString())
                .contains("request-decided")
                .contains("granted");
    }

    private void waitForLogSize(long size) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (log.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(log.size()).as("entries on the public log").isGreaterThanOrEqualTo(size);
    }
}
