package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.comity.accounts.Accounts;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The request page's documents: attach, list, download; a wrong file is refused; units stay apart. */
@NodeTest
class AttachmentPagesTest {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    String id;

    @BeforeEach
    void aDraftOfUnitEast() throws Exception {
        for (var unit : new String[] {"east", "west"}) {
            var name = "clerk-" + unit;
            if (accounts.find(name).isEmpty()) {
                accounts.register(
                        new NewAccount(
                                name, name, Set.of(Role.CASEWORKER), TestAccounts.PASSWORD, Optional.of("mla-" + unit)),
                        "test");
            }
        }
        var body = mvc.perform(post("/api/requests")
                        .with(httpBasic("clerk-east", TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        id = JsonMapper.builder().build().readTree(body).get("id").asString();
    }

    @Test
    void aDocumentIsAttachedListedAndDownloadedNeverRendered() throws Exception {
        mvc.perform(multipart("/requests/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "court order.pdf", "application/pdf", PDF))
                        .with(user("clerk-east").roles("CASEWORKER"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/requests/" + id + "#documents"))
                .andExpect(flash().attribute("attached", "court order.pdf"));

        var page = mvc.perform(get("/requests/" + id).with(user("clerk-east").roles("CASEWORKER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("court order.pdf").contains("clerk-east");
        var link = page.replaceAll("(?s).*href=\"(/requests/" + id + "/attachments/[0-9a-f-]{36})\".*", "$1");

        mvc.perform(get(link).with(user("clerk-east").roles("CASEWORKER")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(content().bytes(PDF));
        // Another unit's caseworker gets neither the page nor the document, even knowing both ids.
        mvc.perform(get(link).with(user("clerk-west").roles("CASEWORKER"))).andExpect(status().isNotFound());
        mvc.perform(get("/api" + link).with(httpBasic("clerk-west", TestAccounts.PASSWORD)))
                .andExpect(status().isNotFound());
    }

    @Test
    void sizesUnderOneKilobyteAreShownInBytesInEachLanguage() throws Exception {
        attach("court order.pdf", "application/pdf", PDF);
        attach("notes.txt", "text/plain", "x".repeat(2000).getBytes(StandardCharsets.US_ASCII));
        assertThat(PDF).hasSize(35);

        assertThat(sizes("en")).containsExactlyInAnyOrder("35 bytes", "2 KB");
        assertThat(sizes("fr")).containsExactlyInAnyOrder("35 octets", "2 Ko");
        assertThat(sizes("ar"))
                .hasSize(2)
                .anySatisfy(size -> assertThat(size).contains("بايت").doesNotContain("كيلو"));
    }

    private void attach(String name, String type, byte[] bytes) throws Exception {
        mvc.perform(multipart("/requests/" + id + "/attachments")
                        .file(new MockMultipartFile("file", name, type, bytes))
                        .with(user("clerk-east").roles("CASEWORKER"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
    }

    private java.util.List<String> sizes(String language) throws Exception {
        var page = mvc.perform(get("/requests/" + id)
                        .param("lang", language)
                        .with(user("clerk-east").roles("CASEWORKER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        return java.util.regex.Pattern.compile("<td class=\"size\">([^<]*)</td>")
                .matcher(page)
                .results()
                .map(r -> r.group(1))
                .toList();
    }

    @Test
    void aFileWhoseContentIsNotItsTypeIsRefusedAndNothingIsStored() throws Exception {
        mvc.perform(multipart("/requests/" + id + "/attachments")
                        .file(new MockMultipartFile(
                                "file",
                                "invoice.pdf",
                                "application/pdf",
                                "MZ not a pdf".getBytes(StandardCharsets.UTF_8)))
                        .with(user("clerk-east").roles("CASEWORKER"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attributeExists("attachmentProblems"));
        mvc.perform(multipart("/requests/" + id + "/attachments")
                        .with(user("clerk-east").roles("CASEWORKER"))
                        .with(csrf()))
                .andExpect(flash().attributeExists("attachmentProblems"));
        var page = mvc.perform(get("/requests/" + id).with(user("clerk-east").roles("CASEWORKER")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("No document attached.").doesNotContain("invoice.pdf");
        mvc.perform(multipart("/requests/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "x.pdf", "application/pdf", PDF))
                        .with(user("test-auditor").roles("AUDITOR"))
                        .with(csrf()))
                .andExpect(status().isForbidden());
    }
}
