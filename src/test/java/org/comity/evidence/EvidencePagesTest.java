package org.comity.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
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

/**
 * The console's evidence page and the upload bound of its own: the plain form (no JavaScript), the
 * script's resumable path under the session, roles, and {@code comity.evidence.max-chunk-bytes} in
 * place of {@code comity.web.max-request-bytes} (4 MiB) for upload chunks.
 */
@NodeTest
@TestPropertySource(properties = {"comity.evidence.max-chunk-bytes=6291456", "comity.evidence.max-form-bytes=65536"})
class EvidencePagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Evidence evidence;

    UUID requestId;
    UUID packageId;

    @BeforeEach
    void aPackage() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var body = mvc.perform(post("/api/requests")
                        .with(EvidenceApiTest.as(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        requestId =
                UUID.fromString(EvidenceApiTest.JSON.readTree(body).get("id").asString());
        packageId = evidence.create(requestId, null, TestAccounts.username(Role.CASEWORKER))
                .id();
    }

    static RequestPostProcessor signedIn(Role role) {
        return user(TestAccounts.username(role)).roles(role.name());
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    String page(Role role) throws Exception {
        return mvc.perform(get("/requests/" + requestId + "/evidence")
                        .with(signedIn(role))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void thePlainFormAddsAnItemWithItsOriginAndShowsItsHash() throws Exception {
        var bytes = EvidenceApiTest.content(5000);
        mvc.perform(multipart("/evidence/packages/" + packageId + "/items")
                        .file(new MockMultipartFile("file", "server log.txt", "text/plain", bytes))
                        .param("orderReference", "PO-2026-0042")
                        .param("sourceKind", "provider")
                        .param("sourceName", "Example Hosting Ltd")
                        .param("collectedAt", "2026-02-27T09:30")
                        .with(signedIn(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        var item = evidence.get(packageId).items().getFirst();
        assertThat(item.state()).isEqualTo("stored");
        assertThat(item.sha256()).isEqualTo(sha256(bytes));
        assertThat(item.collectedAt()).hasToString("2026-02-27T09:30:00Z");
        assertThat(item.mediaType()).isEqualTo("text/plain");
        var html = page(Role.AUDITOR);
        assertThat(html)
                .contains(sha256(bytes))
                .contains("server log.txt")
                .contains("Example Hosting Ltd")
                .contains("PO-2026-0042")
                .contains("item-added")
                // An auditor reads; only caseworkers and supervisors add, seal and transmit.
                .doesNotContain("enctype=\"multipart/form-data\"")
                .doesNotContain("/seal\"");
        assertThat(page(Role.CASEWORKER))
                .contains("enctype=\"multipart/form-data\"")
                .contains("/seal\"");
        assertThat(mvc.perform(get("/requests/" + requestId + "/evidence?lang=fr")
                                .with(signedIn(Role.CASEWORKER))
                                .accept(MediaType.TEXT_HTML))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("Ajouter un élément");
    }

    @Test
    void theFormRefusesAFileOverItsBoundAndStoresNothing() throws Exception {
        mvc.perform(multipart("/evidence/packages/" + packageId + "/items")
                        .file(new MockMultipartFile("file", "big.bin", "application/octet-stream", new byte[65537]))
                        .param("sourceKind", "examiner")
                        .param("sourceName", "Lab 3")
                        .param("collectedAt", "2026-02-27T09:30")
                        .with(signedIn(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(result -> assertThat(result.getFlashMap().get("itemProblems"))
                        .asString()
                        .contains("max-form-bytes"));
        assertThat(evidence.get(packageId).items()).isEmpty();
    }

    @Test
    void rolesAsTheApiHasThem() throws Exception {
        mvc.perform(multipart("/evidence/packages/" + packageId + "/items")
                        .file(new MockMultipartFile("file", "a.txt", "text/plain", new byte[10]))
                        .param("sourceKind", "examiner")
                        .param("sourceName", "Lab 3")
                        .param("collectedAt", "2026-02-27T09:30")
                        .with(signedIn(Role.LEGAL_REVIEWER))
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/evidence/packages/" + packageId + "/legal-hold")
                        .param("hold", "true")
                        .with(signedIn(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/requests/" + requestId + "/evidence")
                        .with(signedIn(Role.ADMIN))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isForbidden());
        // The script's path needs the session's CSRF token, as every console change does.
        mvc.perform(post("/evidence/packages/" + packageId + "/uploads")
                        .param("size", "10")
                        .with(signedIn(Role.CASEWORKER)))
                .andExpect(status().isForbidden());
        assertThat(evidence.get(packageId).items()).isEmpty();
        mvc.perform(post("/evidence/packages/" + packageId + "/legal-hold")
                        .param("hold", "true")
                        .with(signedIn(Role.SUPERVISOR))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(evidence.get(packageId).legalHold()).isTrue();
    }

    @Test
    void theScriptsPathAnnouncesThenSendsChunksOverTheWebBoundAndResumes() throws Exception {
        var bytes = EvidenceApiTest.content(12 * 1024 * 1024);
        var created = mvc.perform(post("/evidence/packages/" + packageId + "/uploads")
                        .param("fileName", "disk.img")
                        .param("mediaType", "application/octet-stream")
                        .param("size", Integer.toString(bytes.length))
                        .param("orderReference", "SW-2026-7")
                        .param("sourceKind", "examiner")
                        .param("sourceName", "Forensic lab 3")
                        .param("collectedAt", "2026-02-27T09:30")
                        .with(signedIn(Role.CASEWORKER))
                        .with(csrf())
                        .accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse();
        var location = created.getHeader("Location");
        assertThat(location).startsWith("/evidence/uploads/");
        // 5 MiB: over comity.web.max-request-bytes (4 MiB), within this upload bound (6 MiB).
        int first = 5 * 1024 * 1024;
        mvc.perform(patch(location)
                        .header("Upload-Offset", "0")
                        .contentType("application/offset+octet-stream")
                        .content(Arrays.copyOfRange(bytes, 0, first))
                        .with(signedIn(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().isNoContent())
                .andExpect(header().string("Upload-Offset", Integer.toString(first)));
        // A chunk sent again from an old offset (a retry after a lost answer) is refused, nothing stored.
        mvc.perform(patch(location)
                        .header("Upload-Offset", "0")
                        .contentType("application/offset+octet-stream")
                        .content(Arrays.copyOfRange(bytes, 0, 1024))
                        .with(signedIn(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().isConflict());
        // Over the bound: refused before a byte is read, the problem naming the rule.
        mvc.perform(patch(location)
                        .header("Upload-Offset", Integer.toString(first))
                        .contentType("application/offset+octet-stream")
                        .content(Arrays.copyOfRange(bytes, first, bytes.length))
                        .with(signedIn(Role.CASEWORKER))
                        .with(csrf()))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.rule").value("comity.evidence.max-chunk-bytes"))
                .andExpect(jsonPath("$.maxBytes").value(6291456));
        var offset = mvc.perform(head(location).with(signedIn(Role.CASEWORKER)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getHeader("Upload-Offset");
        assertThat(offset).isEqualTo(Integer.toString(first));
        for (int at = first; at < bytes.length; at += 3 * 1024 * 1024) {
            int end = Math.min(bytes.length, at + 3 * 1024 * 1024);
            mvc.perform(patch(location)
                            .header("Upload-Offset", Integer.toString(at))
                            .contentType("application/offset+octet-stream")
                            .content(Arrays.copyOfRange(bytes, at, end))
                            .with(signedIn(Role.CASEWORKER))
                            .with(csrf()))
                    .andExpect(status().isNoContent());
        }
        var item = evidence.get(packageId).items().getFirst();
        assertThat(item.state()).isEqualTo("stored");
        assertThat(item.sha256()).isEqualTo(sha256(bytes));
    }

    @Test
    void theApisChunksHaveTheSameBound() throws Exception {
        var location = mvc.perform(post("/api/evidence/packages/" + packageId + "/uploads")
                        .with(EvidenceApiTest.as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Length", Integer.toString(7 * 1024 * 1024))
                        .header(
                                "Upload-Metadata",
                                "filename " + EvidenceApiTest.b64("x.bin") + ",orderReference "
                                        + EvidenceApiTest.b64("SW-1") + ",sourceKind "
                                        + EvidenceApiTest.b64("examiner") + ",sourceName "
                                        + EvidenceApiTest.b64("Lab") + ",collectedAt "
                                        + EvidenceApiTest.b64("2026-02-27T09:30:00Z")))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getHeader("Location");
        var bytes = EvidenceApiTest.content(7 * 1024 * 1024);
        mvc.perform(patch(location)
                        .with(EvidenceApiTest.as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "0")
                        .contentType("application/offset+octet-stream")
                        .content(bytes))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.rule").value("comity.evidence.max-chunk-bytes"));
        mvc.perform(patch(location)
                        .with(EvidenceApiTest.as(Role.CASEWORKER))
                        .header("Tus-Resumable", "1.0.0")
                        .header("Upload-Offset", "0")
                        .contentType("application/offset+octet-stream")
                        .content(Arrays.copyOfRange(bytes, 0, 5 * 1024 * 1024)))
                .andExpect(status().isNoContent());
        // Other requests keep the node's bound and name it.
        mvc.perform(post("/api/evidence/packages")
                        .with(EvidenceApiTest.as(Role.CASEWORKER))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(new byte[5 * 1024 * 1024]))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.rule").value("comity.web.max-request-bytes"));
    }
}
