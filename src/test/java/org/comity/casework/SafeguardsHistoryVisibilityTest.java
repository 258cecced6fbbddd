package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import java.util.Set;
import org.comity.accounts.Accounts;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The history of an assessment never shows a reader the earlier requests they may not see: a unit-B
 * caseworker whose request names the same person as a unit-A request learns that the node has seen
 * the person before (the pattern finding counts node-wide), never which request it was.
 */
@NodeTest
@TestPropertySource(properties = FictionalUncc.PROPERTY)
class SafeguardsHistoryVisibilityTest {

    static final String PASSWORD = "a long enough passphrase";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void accountsInTwoUnits() {
        register("hanna", Role.CASEWORKER, "history-east");
        register("hugo", Role.CASEWORKER, "history-west");
        register("hilde", Role.CASEWORKER, null);
    }

    private void register(String username, Role role, String unit) {
        if (accounts.find(username).isEmpty()) {
            accounts.register(
                    new NewAccount(username, username, Set.of(role), PASSWORD, Optional.ofNullable(unit)), "test");
        }
    }

    private static RequestPostProcessor as(String username) {
        return httpBasic(username, PASSWORD);
    }

    /** A draft naming the IP address, created by the user: assessed on creation. */
    private String draft(String username, String ip) throws Exception {
        var content = CaseworkApiTest.CONTENT.replace("203.0.113.7", ip);
        return CaseworkApiTest.id(mvc.perform(post("/api/requests")
                        .with(as(username))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content)))
                .andExpect(status().isCreated()));
    }

    private String assessments(String username, String request) throws Exception {
        return mvc.perform(get("/api/safeguards/requests/" + request + "/assessments")
                        .with(as(username)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].input.recorded.subjects[0].requests").value(1))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void aUnitBUsersViewOfItsOwnAssessmentDoesNotShowUnitARequests() throws Exception {
        var east = draft("hanna", "192.0.2.77");
        var west = draft("hugo", "192.0.2.77");

        // West's own assessment counts east's request, and neither lists nor links it.
        var seenByWest = assessments("hugo", west);
        assertThat(seenByWest).doesNotContain(east);
        assertThat(seenByWest).contains("\"examples\":[]");
        mvc.perform(get("/api/requests/" + west + "/assessment").with(as("hugo")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.findings[?(@.rule == 'subject-targeted-repeatedly')].explanation")
                        .value(org.hamcrest.Matchers.hasItem(
                                org.hamcrest.Matchers.containsString("1 in this node's records"))));
        assertThat(mvc.perform(get("/api/requests/" + west + "/assessment").with(as("hugo")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(east);

        // A caseworker of no unit sees every request, so the example too.
        assertThat(assessments("hilde", west)).contains(east);
        var one = mvc.perform(
                        get("/api/safeguards/requests/" + west + "/assessments").with(as("hilde")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = one.replaceAll("(?s)^\\[\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
        assertThat(mvc.perform(get("/api/safeguards/assessments/" + id).with(as("hugo")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(east);
        assertThat(mvc.perform(post("/api/safeguards/assessments/" + id + "/replay")
                                .with(as("hugo")))
                        .andExpect(status().isOk())
                        .andExpect(jsonPath("$.sameFindings").value(true))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain(east);
        assertThat(mvc.perform(post("/api/safeguards/assessments/" + id + "/replay")
                                .with(as("hilde")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains(east);
    }

    @Test
    void aUserSeesTheEarlierRequestsOfTheirOwnUnit() throws Exception {
        var first = draft("hanna", "192.0.2.78");
        var second = draft("hanna", "192.0.2.78");
        assertThat(assessments("hanna", second)).contains(first);
    }
}
