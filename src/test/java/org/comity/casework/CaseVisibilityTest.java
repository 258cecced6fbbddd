package org.comity.casework;

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
import org.comity.testing.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/** A caseworker sees the cases of their unit; auditors and unit-less accounts see all. */
@NodeTest
class CaseVisibilityTest {

    static final String PASSWORD = "a long enough passphrase";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    String id;

    @BeforeEach
    void accountsInTwoUnits() throws Exception {
        register("anna", Role.CASEWORKER, "mla-east");
        register("bruno", Role.CASEWORKER, "mla-west");
        register("carla", Role.CASEWORKER, null);
        register("dora", Role.AUDITOR, "mla-west");
        register("emil", Role.SUPERVISOR, "mla-east");
        var body = mvc.perform(post("/api/requests")
                        .with(as("anna"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        id = JsonMapper.builder().build().readTree(body).get("id").asString();
    }

    void register(String username, Role role, String unit) {
        if (accounts.find(username).isEmpty()) {
            accounts.register(
                    new NewAccount(username, username, Set.of(role), PASSWORD, Optional.ofNullable(unit)), "test");
        }
    }

    static RequestPostProcessor as(String username) {
        return httpBasic(username, PASSWORD);
    }

    @Test
    void anotherUnitsCaseworkerNeitherSeesNorChangesIt() throws Exception {
        mvc.perform(get("/api/requests/" + id).with(as("bruno"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/requests/" + id + "/audit").with(as("bruno"))).andExpect(status().isNotFound());
        mvc.perform(post("/api/requests/" + id + "/comments")
                        .with(as("bruno"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"body\": \"peeking\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/requests/" + id + "/withdrawal")
                        .with(as("bruno"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\": \"not mine\"}"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/requests").with(as("bruno")))
                .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").isEmpty());
    }

    @Test
    void theUnitAuditorsAndUnitlessAccountsSeeIt() throws Exception {
        for (String viewer : new String[] {"anna", "emil", "carla", "dora"}) {
            mvc.perform(get("/api/requests/" + id).with(as(viewer))).andExpect(status().isOk());
            mvc.perform(get("/api/requests").with(as(viewer)))
                    .andExpect(jsonPath("$.items[?(@.id == '" + id + "')]").isNotEmpty());
        }
    }
}
