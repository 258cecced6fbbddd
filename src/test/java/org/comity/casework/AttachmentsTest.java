package org.comity.casework;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
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
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

@NodeTest
@TestPropertySource(properties = "comity.casework.max-attachment-bytes=4096")
class AttachmentsTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    String requestId;

    @BeforeEach
    void aDraft() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var body = mvc.perform(post("/api/requests")
                        .with(as(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        requestId = JsonMapper.builder().build().readTree(body).get("id").asString();
    }

    static RequestPostProcessor as(Role role) {
        return httpBasic(TestAccounts.username(role), TestAccounts.PASSWORD);
    }

    @Test
    void aDocumentIsStoredHashedAndServedBackAsADownload() throws Exception {
        var created = mvc.perform(multipart("/api/requests/" + requestId + "/attachments")
                        .file(new MockMultipartFile("file", "court order.pdf", "application/pdf", PDF))
                        .with(as(Role.CASEWORKER)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.sizeBytes").value(PDF.length))
                .andExpect(jsonPath("$.sha256")
                        .value(java.util.HexFormat.of()
                                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                        .digest(PDF))))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var id = JsonMapper.builder().build().readTree(created).get("id").asString();
        mvc.perform(get("/api/requests/" + requestId + "/attachments").with(as(Role.AUDITOR)))
                .andExpect(jsonPath("$[0].fileName").value("court order.pdf"));
        mvc.perform(get("/api/requests/" + requestId + "/attachments/" + id).with(as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(content().bytes(PDF));
    }

    @Test
    void aFileWhoseContentIsNotItsDeclaredTypeIsRefused() throws Exception {
        var executable = new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
        mvc.perform(multipart("/api/requests/" + requestId + "/attachments")
                        .file(new MockMultipartFile("file", "order.pdf", "application/pdf", executable))
                        .with(as(Role.CASEWORKER)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].rule").value("content-mismatch"));
        mvc.perform(multipart("/api/requests/" + requestId + "/attachments")
                        .file(new MockMultipartFile("file", "tool.exe", "application/x-msdownload", executable))
                        .with(as(Role.CASEWORKER)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].rule").value("content-type"));
    }

    @Test
    void sizeIsBoundedAndAuditorsOnlyRead() throws Exception {
        var big = new byte[5000];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        mvc.perform(multipart("/api/requests/" + requestId + "/attachments")
                        .file(new MockMultipartFile("file", "big.pdf", "application/pdf", big))
                        .with(as(Role.CASEWORKER)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].rule").value("file-too-large"));
        mvc.perform(multipart("/api/requests/" + requestId + "/attachments")
                        .file(new MockMultipartFile("file", "x.pdf", "application/pdf", PDF))
                        .with(as(Role.AUDITOR)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/requests/" + requestId + "/attachments")).andExpect(status().isUnauthorized());
    }
}
