package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.casework.Casework;
import org.comity.casework.domain.Command;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request page's action forms are drawn from the commands (casework/actions :: command): walking
 * a request through both sides' lifecycles, at every state and for every role, each command the state
 * allows and the role may perform is shown exactly once, and no other action form is shown.
 */
@NodeTest
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class RequestActionFormsTest {

    private static final Pattern COMMAND = Pattern.compile("data-command=\"([a-z-]+)\"");
    private static final Pattern ACTION_FORM =
            Pattern.compile("<form[^>]*action=\"/requests/[^\"/]+/actions/([a-z-]+)\"[^>]*>");
    private static final List<Role> ROLES =
            List.of(Role.CASEWORKER, Role.LEGAL_REVIEWER, Role.SUPERVISOR, Role.AUDITOR);

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Casework casework;

    @Autowired
    Treaties treaties;

    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    @Test
    void theRequestedSidesFormsAreItsCommands() throws Exception {
        var content = org.comity.casework.CaseworkApiTest.CONTENT.replace("203.0.113.7", "198.51.100.41");
        var id = created("/api/requests/incoming", content);
        checkEveryRole(id); // received
        act(Role.LEGAL_REVIEWER, id, "start-review", "{}");
        checkEveryRole(id); // under review
        act(Role.LEGAL_REVIEWER, id, "request-information", "{\"what\": \"the date of the transfer\"}");
        checkEveryRole(id); // information requested
        act(Role.CASEWORKER, id, "information-received", "{}");
        mvc.perform(post("/api/requests/" + id + "/decision")
                        .with(httpBasic(TestAccounts.username(Role.LEGAL_REVIEWER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\": \"granted\"}"))
                .andExpect(status().isOk());
        if (casework.get(id).state().code().equals("awaiting-decision-approval")) {
            checkEveryRole(id);
            var proposal = casework.get(id).proposalFingerprint().orElseThrow();
            act(Role.SUPERVISOR, id, "approve-decision", "{\"proposal\": \"" + proposal + "\"}");
        }
        checkEveryRole(id); // granted
        act(Role.CASEWORKER, id, "start-execution", "{}");
        checkEveryRole(id); // executing
        act(Role.CASEWORKER, id, "complete-execution", "{\"evidenceTransmitted\": true}");
        checkEveryRole(id); // executed, evidence transmitted
        act(Role.CASEWORKER, id, "close", "{}");
        checkEveryRole(id); // closed
        assertThat(seen)
                .contains(
                        "received",
                        "under-review",
                        "information-requested",
                        "granted",
                        "executing",
                        "evidence-transmitted",
                        "closed");
    }

    @Test
    void theRequestingSidesFormsAreItsCommands() throws Exception {
        var id = created("/api/requests", org.comity.casework.CaseworkApiTest.CONTENT);
        checkEveryRole(id); // draft
        act(Role.CASEWORKER, id, "propose-sending", "{}");
        checkEveryRole(id); // awaiting send approval
        act(Role.SUPERVISOR, id, "approve-sending", "{\"channel\": \"PAPER\"}");
        checkEveryRole(id); // submitted
        act(Role.CASEWORKER, id, "record-acknowledgement", "{\"reference\": \"XB/MLA/2026/18\"}");
        checkEveryRole(id); // acknowledged
        act(Role.CASEWORKER, id, "record-information-request", "{\"what\": \"the victim's account\"}");
        checkEveryRole(id); // information asked
        act(Role.CASEWORKER, id, "answer-information", "{\"answer\": \"account 42\"}");
        mvc.perform(post("/requests/" + id + "/counterpart-decision/granted")
                        .param("version", String.valueOf(casework.get(id).version()))
                        .with(user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER"))
                        .with(
                                org.springframework.security.test.web.servlet.request
                                        .SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().is3xxRedirection());
        checkEveryRole(id); // granted by the counterpart
        act(Role.CASEWORKER, id, "record-counterpart-execution", "{\"evidenceTransmitted\": true}");
        checkEveryRole(id); // executed by the counterpart
        assertThat(seen)
                .contains(
                        "draft",
                        "awaiting-send-approval",
                        "submitted",
                        "acknowledged",
                        "information-asked",
                        "granted-by-counterpart",
                        "executed-by-counterpart");
    }

    /** For each role: the commands shown are exactly those the state allows and the role may perform, each once. */
    private void checkEveryRole(UUID id) throws Exception {
        var request = casework.get(id);
        seen.add(request.state().code());
        for (Role role : ROLES) {
            var html = mvc.perform(get("/requests/" + id)
                            .with(user(TestAccounts.username(role)).roles(role.name())))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
            var shown = new ArrayList<String>();
            COMMAND.matcher(html).results().forEach(m -> shown.add(m.group(1)));
            var expected = new ArrayList<String>();
            for (Command.Kind kind : Command.Kind.values()) {
                if (request.offers(kind) && kind.performers().contains(role)) {
                    expected.add(kind.code());
                }
            }
            assertThat(shown)
                    .as("%s on a request %s", role, request.state().code())
                    .containsExactlyElementsOf(expected);
            // No action form outside the commands (comments and delivery retries are not lifecycle steps).
            var forms = new ArrayList<String>();
            ACTION_FORM.matcher(html).results().forEach(m -> {
                if (!Set.of("comment", "retry-delivery").contains(m.group(1))) {
                    forms.add(m.group(0));
                }
            });
            assertThat(forms).allSatisfy(form -> assertThat(form).contains("data-command="));
            if (role == Role.AUDITOR) {
                assertThat(shown).isEmpty();
            }
        }
    }

    private UUID created(String path, String content) throws Exception {
        var body = mvc.perform(post(path)
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return UUID.fromString(
                JsonMapper.builder().build().readTree(body).get("id").asString());
    }

    private void act(Role role, UUID id, String action, String body) throws Exception {
        mvc.perform(post("/api/requests/" + id + "/actions/" + action)
                        .with(httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk());
    }
}
