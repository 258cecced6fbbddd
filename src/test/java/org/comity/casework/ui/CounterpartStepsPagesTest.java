package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For a request that went on paper, the requesting side types in from the other State's letters what
 * it did — its acknowledgement with its reference, its request for information, its decision with
 * reasons and conditions — through the same commands the exchange's messages cause.
 */
@NodeTest
@org.springframework.test.context.TestPropertySource(
        properties = {"comity.casework.watch-enabled=false", org.comity.testing.FictionalUncc.PROPERTY})
class CounterpartStepsPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    org.comity.treaty.Treaties treaties;

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
        org.comity.testing.FictionalUncc.inForce(treaties);
    }

    @Test
    void theOtherStatesAcknowledgementQuestionAndRefusalAreTypedInFromItsLetters() throws Exception {
        var id = sentOnPaper();
        assertThat(page("/requests/" + id))
                .contains("action=\"/requests/" + id + "/actions/record-acknowledgement\"")
                .contains("href=\"/requests/" + id + "/counterpart-decision/refused\"");

        act(id, "record-acknowledgement", "reference", "XB/MLA/2026/17");
        var acknowledged = api(id);
        assertThat(acknowledged.get("state").asString()).isEqualTo("acknowledged");
        assertThat(acknowledged.get("counterpartReference").asString()).isEqualTo("XB/MLA/2026/17");

        act(id, "record-information-request", "what", "the subscriber's address at the time");
        assertThat(api(id).get("state").asString()).isEqualTo("information-asked");
        act(id, "answer-information", "answer", "the address held by the provider on 3 March");
        assertThat(api(id).get("state").asString()).isEqualTo("acknowledged");

        assertThat(page("/requests/" + id + "/counterpart-decision/refused"))
                .contains("name=\"reasons[0].ground\"")
                .contains("name=\"reasons[0].explanation\"")
                .doesNotContain("otherBasis");
        // A ground that is none of the list: nothing recorded, the problem on its input.
        var refused = mvc.perform(post("/requests/" + id + "/counterpart-decision/refused")
                        .param("version", api(id).get("version").asString())
                        .param("reasons[0].ground", "BANK_SECRECY")
                        .param("reasons[0].explanation", "secrecy")
                        .with(as(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("id=\"reasons-0-ground-error\"");
        assertThat(api(id).get("state").asString()).isEqualTo("acknowledged");

        // A legal reviewer may not record it: the command names caseworkers and supervisors.
        mvc.perform(post("/requests/" + id + "/counterpart-decision/refused")
                        .param("reasons[0].ground", "OUT_OF_SCOPE")
                        .param("reasons[0].explanation", "the conduct is not an offence here")
                        .with(as(Role.LEGAL_REVIEWER))
                        .with(csrf()))
                .andExpect(status().isForbidden());

        mvc.perform(post("/requests/" + id + "/counterpart-decision/refused")
                        .param("version", api(id).get("version").asString())
                        .param("reasons[0].ground", "OUT_OF_SCOPE")
                        .param("reasons[0].explanation", "the conduct is not an offence here")
                        .with(as(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        var decided = api(id);
        assertThat(decided.get("state").asString()).isEqualTo("refused-by-counterpart");
        var reason = decided.get("stateDetails").get("decision").get("reasons").get(0);
        assertThat(reason.get("ground").asString()).isEqualTo("OUT_OF_SCOPE");
        assertThat(reason.get("explanation").asString()).isEqualTo("the conduct is not an offence here");
        var audit = json("/api/requests/" + id + "/audit");
        assertThat(audit.findValuesAsString("action"))
                .anySatisfy(a -> assertThat(a).isEqualTo("counterpart decided refused"));
    }

    @Test
    void theOtherStatesConditionsAreKeptWithItsGrant() throws Exception {
        var id = sentOnPaper();
        mvc.perform(post("/requests/" + id + "/counterpart-decision/granted-with-conditions")
                        .param("conditions", "used only in the named proceedings\nnot passed on to a third State")
                        .with(as(Role.SUPERVISOR))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        var granted = api(id);
        assertThat(granted.get("state").asString()).isEqualTo("granted-by-counterpart");
        assertThat(granted.get("stateDetails").get("decision").get("conditions").size())
                .isEqualTo(2);
        assertThat(page("/requests/" + id)).doesNotContain("/counterpart-decision/refused\"");
    }

    private void act(String id, String action, String field, String value) throws Exception {
        mvc.perform(post("/requests/" + id + "/actions/" + action)
                        .param("version", api(id).get("version").asString())
                        .param(field, value)
                        .with(as(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path).with(as(Role.CASEWORKER)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private String sentOnPaper() throws Exception {
        var id = JsonMapper.builder()
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
                .asString();
        mvc.perform(post("/api/requests/" + id + "/actions/propose-sending")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isOk());
        mvc.perform(post("/api/requests/" + id + "/actions/approve-sending")
                        .with(httpBasic(TestAccounts.username(Role.SUPERVISOR), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"channel\": \"PAPER\"}"))
                .andExpect(status().isOk());
        return id;
    }

    private JsonNode api(String id) throws Exception {
        return json("/api/requests/" + id);
    }

    private JsonNode json(String path) throws Exception {
        return JsonMapper.builder()
                .build()
                .readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
                                .with(httpBasic(TestAccounts.username(Role.SUPERVISOR), TestAccounts.PASSWORD)))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8));
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(Role role) {
        return user(TestAccounts.username(role)).roles(role.name());
    }
}
