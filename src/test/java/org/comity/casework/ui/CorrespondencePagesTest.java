package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console records how a request travelled: registering an incoming one takes its channel, day of
 * receipt, the other State's reference and the document as received; nothing is registered when one of
 * them is refused.
 */
@NodeTest
@org.springframework.test.context.TestPropertySource(
        properties = {"comity.casework.watch-enabled=false", org.comity.testing.FictionalUncc.PROPERTY})
class CorrespondencePagesTest {

    private static final byte[] PDF = "%PDF-1.4\n% letter of request\n".getBytes(StandardCharsets.US_ASCII);

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
    void theSupervisorsApprovalRecordsTheChannelAndDayOfTransmission() throws Exception {
        var id = awaitingSendApproval();
        var page = mvc.perform(get("/requests/" + id).with(as(Role.SUPERVISOR)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("<select id=\"approve-sending-channel\" name=\"channel\"")
                .contains("id=\"approve-sending-transmittedOn\"");
        // A day that is no date: nothing approved, the problem next to its field after the redirect.
        var refused = mvc.perform(post("/requests/" + id + "/actions/approve-sending")
                        .param(
                                "version",
                                api("/api/requests/" + id).get("version").asString())
                        .param("channel", "EMAIL")
                        .param("transmittedOn", "yesterday")
                        .with(as(Role.SUPERVISOR))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(mvc.perform(get("/requests/" + id)
                                .flashAttrs(refused.getFlashMap())
                                .with(as(Role.SUPERVISOR)))
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8))
                .contains("id=\"approve-sending-transmittedOn-error\"");
        assertThat(api("/api/requests/" + id).get("state").asString()).isEqualTo("awaiting-send-approval");

        var day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();
        mvc.perform(post("/requests/" + id + "/actions/approve-sending")
                        .param(
                                "version",
                                api("/api/requests/" + id).get("version").asString())
                        .param("channel", "EMAIL")
                        .param("transmittedOn", day)
                        .with(as(Role.SUPERVISOR))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        var sent = api("/api/requests/" + id);
        assertThat(sent.get("state").asString()).isEqualTo("submitted");
        assertThat(sent.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(sent.get("channelOn").asString()).isEqualTo(day);
    }

    private String awaitingSendApproval() throws Exception {
        var body = mvc.perform(post("/api/requests")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}"
                                .formatted(org.comity.casework.CaseworkApiTest.CONTENT)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = JsonMapper.builder().build().readTree(body).get("id").asString();
        mvc.perform(post("/api/requests/" + id + "/sending")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isOk());
        return id;
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor as(Role role) {
        return user(TestAccounts.username(role)).roles(role.name());
    }

    @Test
    void anIncomingPaperRequestIsRegisteredWithItsChannelReferencesAndReceiptDocument() throws Exception {
        var form = mvc.perform(get("/requests/incoming/new").with(caseworker()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(form)
                .contains("enctype=\"multipart/form-data\"")
                .contains("<select id=\"channel\" name=\"channel\"")
                .contains("<option value=\"DIPLOMATIC\">Diplomatic channels</option>")
                .contains("name=\"counterpartReference\"")
                .contains("type=\"file\" id=\"receipt\" name=\"receipt\"");

        var response = mvc.perform(registration(new MockMultipartFile("receipt", "letter.pdf", "application/pdf", PDF))
                        .param("channel", "PAPER")
                        .param("receivedAt", "2026-01-05T09:30")
                        .param("counterpartReference", "XB/PG/2026-88"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse();
        var id = response.getRedirectedUrl().substring("/requests/".length());
        var stored = api("/api/requests/" + id);
        assertThat(stored.get("channel").asString()).isEqualTo("PAPER");
        assertThat(stored.get("channelOn").asString()).isEqualTo("2026-01-05");
        assertThat(stored.get("counterpartReference").asString()).isEqualTo("XB/PG/2026-88");
        var documents = api("/api/requests/" + id + "/attachments");
        assertThat(documents.toString()).contains("letter.pdf").contains("application/pdf");
    }

    @Test
    void aRefusedReceiptDocumentOrReferenceRegistersNothingAndIsShownNextToItsField() throws Exception {
        var before = api("/api/requests?direction=INCOMING").get("total").asLong();
        var page = mvc.perform(registration(new MockMultipartFile(
                                "receipt",
                                "letter.pdf",
                                "application/pdf",
                                "not a pdf".getBytes(StandardCharsets.UTF_8)))
                        .param("channel", "TELEPATHY")
                        .param("counterpartReference", "XB\u202e17"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("id=\"receipt-error\"")
                .contains("id=\"channel-error\"")
                .contains("id=\"counterpartReference-error\"")
                .contains("does not match its type");
        assertThat(api("/api/requests?direction=INCOMING").get("total").asLong())
                .isEqualTo(before);
    }

    private MockMultipartHttpServletRequestBuilder registration(MockMultipartFile receipt) {
        return (MockMultipartHttpServletRequestBuilder) multipart("/requests/incoming")
                .file(receipt)
                .with(caseworker())
                .with(csrf())
                .param("kind", "STORED_DATA")
                .param("requestingName", "Prosecutor General of Xebia")
                .param("requestingState", "XB")
                .param("requestedName", "Central Authority of Xanadu")
                .param("requestedState", "XA")
                .param("offences[0].domesticProvision", "s. 1");
    }

    private JsonNode api(String path) throws Exception {
        var body = mvc.perform(get(path).with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonMapper.builder().build().readTree(body);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor caseworker() {
        return user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER");
    }
}
