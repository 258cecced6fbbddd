package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.comity.accounts.Accounts;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;
import org.comity.casework.letter.Letters;
import org.comity.testing.NodeTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The letter of request as PDF: the request's content (and only that) in the language asked for, for
 * whoever may read the request.
 */
@NodeTest
class LetterTest {

    static final Logger log = LoggerFactory.getLogger(LetterTest.class);
    static final String PASSWORD = "a long enough passphrase";
    static final String HOSTILE_FACTS = "<script>alert(1)</script> & <b>bold</b> {0} it''s";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Letters letters;

    String id;

    @BeforeEach
    void aRequestOfUnitEast() throws Exception {
        register("anna", Role.CASEWORKER, "mla-east");
        register("bruno", Role.CASEWORKER, "mla-west");
        register("dora", Role.AUDITOR, "mla-west");
        var content = CaseworkApiTest.CONTENT.replace(
                "Online fraud against pensioners",
                HOSTILE_FACTS.replace("\"", "\\\"") + " Online fraud against pensioners");
        var body = mvc.perform(post("/api/requests")
                        .with(as("anna"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        id = JsonMapper.builder().build().readTree(body).get("id").asString();
        mvc.perform(post("/api/requests/" + id + "/comments")
                        .with(as("anna"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"body\": \"Internal remark: check the provider first\"}"))
                .andExpect(status().is2xxSuccessful());
    }

    @Test
    void theEnglishLetterCarriesTheContentAsTextAndNothingInternal() throws Exception {
        var response = mvc.perform(get("/api/requests/" + id + "/letter")
                        .param("lang", "en")
                        .with(as("anna")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn()
                .getResponse();
        assertThat(response.getHeader("Content-Disposition"))
                .matches("attachment; filename=\"letter-of-request-[A-Z]+-MLA-\\d{4}-\\d{6}-v1-en.pdf\"");
        var text = text(response.getContentAsByteArray());
        try (var document = Loader.loadPDF(response.getContentAsByteArray())) {
            // Tagged for screen readers (PDF/UA), with its language and title; PDF/A metadata.
            var catalog = document.getDocumentCatalog();
            assertThat(catalog.getMarkInfo().isMarked()).isTrue();
            assertThat(catalog.getStructureTreeRoot()).isNotNull();
            assertThat(catalog.getLanguage()).isEqualTo("en");
            assertThat(catalog.getMetadata()).isNotNull();
            assertThat(document.getDocumentInformation().getTitle()).startsWith("Letter of request");
        }
        assertThat(text)
                .contains("Draft: not yet approved for sending")
                .contains("Letter of request")
                .contains("Central Authority of Xanadu")
                .contains("Ministry of Justice of Xebia")
                .contains("Online fraud against pensioners through a fake investment site.")
                .contains("Penal Code s. 301")
                .contains("96 months")
                .contains("UN Convention against Cybercrime (Hanoi Convention)")
                .contains("Article 44")
                .doesNotContain("UNCC")
                .contains("ICT-related theft or fraud")
                .contains("203.0.113.7")
                .contains("Example Hosting Ltd")
                .contains("Investigating judge")
                .contains("Identify the operator of the site for prosecution.")
                .contains("Signature and seal");
        // The full id may wrap at a hyphen.
        assertThat(text.replace(" ", "")).contains(id);
        // User text is printed as text: the markup shows, nothing is interpreted, message syntax stays.
        assertThat(text).contains(HOSTILE_FACTS);
        assertThat(text).doesNotContain("Internal remark").doesNotContain("Safeguards assessment");
    }

    @Test
    void everyFontInTheLetterIsTheEmbeddedDejaVuSans() throws Exception {
        for (var lang : java.util.List.of("en", "fr", "ar")) {
            var pdf = letter(id, lang, "anna");
            try (var document = Loader.loadPDF(pdf)) {
                var fonts = new java.util.ArrayList<String>();
                for (var page : document.getPages()) {
                    for (var name : page.getResources().getFontNames()) {
                        var font = page.getResources().getFont(name);
                        assertThat(font.isEmbedded())
                                .as("%s in the %s letter is embedded", font.getName(), lang)
                                .isTrue();
                        fonts.add(font.getName());
                    }
                }
                // Subset names carry a tag: ABCDEF+DejaVuSans.
                assertThat(fonts).isNotEmpty().allMatch(f -> f.matches("([A-Z]{6}\\+)?DejaVuSans(-Bold)?"));
            }
        }
    }

    @Test
    void theFrenchLetterHasFrenchHeadings() throws Exception {
        var pdf = letter(id, "fr", "dora");
        var text = text(pdf);
        assertThat(text)
                .contains("Lettre de demande d’entraide")
                .contains("Base juridique")
                .contains("Exposé des faits")
                .contains("Infractions")
                .contains("96 mois")
                .contains("Article 44")
                .doesNotContain("UNCC")
                .contains("Signature et sceau")
                .contains("Online fraud against pensioners")
                .doesNotContain("Summary of the facts");
    }

    @Test
    void theArabicLetterIsWrittenRightToLeft() throws Exception {
        var pdf = letter(id, "ar", "anna");
        var text = text(pdf);
        assertThat(text)
                .contains("Penal Code s. 301")
                // PDFBox gives the digits of a right-to-left line on either side of the word.
                .containsPattern("المادة 44|44 ?المادة")
                .contains("UN Convention against Cybercrime (Hanoi Convention)")
                .doesNotContain("UNCC");
        assertThat(text.codePoints().filter(cp -> Character.UnicodeBlock.of(cp) == Character.UnicodeBlock.ARABIC))
                .isNotEmpty();
        assertThat(text).doesNotContain("Signature and seal");
    }

    @Test
    void theArabicLetterNamesARealStateByItsArabicName() throws Exception {
        // A plain fraud case addressed to a real State: its name must be the registry's Arabic (UNTERM)
        // one, not the English one. Chile's UNTERM name (شيلي) differs from the JDK's CLDR name (تشيلي).
        var content = CaseworkApiTest.CONTENT.replace(
                "\"Ministry of Justice of Xebia\", \"state\": \"XB\"", "\"Ministry of Justice\", \"state\": \"CL\"");
        var body = mvc.perform(post("/api/requests")
                        .with(as("anna"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var chile = JsonMapper.builder().build().readTree(body).get("id").asString();
        var arabic = text(letter(chile, "ar", "anna"));
        assertThat(arabic).contains("شيلي").contains("(CL)").doesNotContain("Chile");
        var french = text(letter(chile, "fr", "anna"));
        assertThat(french).contains("Chili (CL)");
    }

    @Test
    void anotherUnitsCaseworkerGetsNotFound() throws Exception {
        mvc.perform(get("/api/requests/" + id + "/letter").with(as("bruno"))).andExpect(status().isNotFound());
        mvc.perform(get("/requests/" + id + "/letter.pdf").with(user("bruno").roles("CASEWORKER")))
                .andExpect(status().isNotFound());
    }

    @Test
    void anAuditorDownloadsFromTheConsoleAndTheLanguageCookieStays() throws Exception {
        var response = mvc.perform(get("/requests/" + id + "/letter.pdf")
                        .param("lang", "fr")
                        .with(user("dora").roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn()
                .getResponse();
        assertThat(response.getCookie("comity-lang")).isNull();
        assertThat(text(response.getContentAsByteArray())).contains("Signature et sceau");
    }

    @Test
    void anUnknownLanguageIsUnprocessableAndNamesTheField() throws Exception {
        mvc.perform(get("/api/requests/" + id + "/letter").param("lang", "de").with(as("anna")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("lang"))
                .andExpect(jsonPath("$.errors[0].rule").value("letter-language"));
        mvc.perform(get("/requests/" + id + "/letter.pdf")
                        .param("lang", "xx")
                        .with(user("anna").roles("CASEWORKER"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isUnprocessableContent());
    }

    @Test
    void theRequestPageOffersTheLetterWithALanguageChoice() throws Exception {
        var page = mvc.perform(get("/requests/" + id)
                        .with(user("dora").roles("AUDITOR"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("action=\"/requests/" + id + "/letter.pdf\"")
                .contains("<label for=\"letter-lang\"")
                .contains("name=\"lang\"")
                .contains("value=\"fr\"");
    }

    @Test
    void timeToRenderOneLetter() {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "anna", null, AuthorityUtils.createAuthorityList("ROLE_CASEWORKER")));
        try {
            var request = UUID.fromString(id);
            letters.letter(request, "en"); // warm up: fonts, templates, classes
            int n = 10;
            long start = System.nanoTime();
            int bytes = 0;
            for (int i = 0; i < n; i++) {
                bytes = letters.letter(request, i % 2 == 0 ? "en" : "fr").pdf().length;
            }
            double ms = (System.nanoTime() - start) / 1e6 / n;
            log.info(
                    "letter render: {} ms per letter (mean of {} after warm-up), {} bytes",
                    "%.1f".formatted(ms),
                    n,
                    bytes);
            assertThat(bytes).isPositive();
        } finally {
            SecurityContextHolder.clearContext();
        }
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

    /** The text of the PDF; the PDF and an image of its first page are kept under target/letters/ to look at. */
    static String text(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        try (var document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isPositive();
            var lang = document.getDocumentCatalog().getLanguage();
            var dir = java.nio.file.Path.of("target", "letters");
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.write(dir.resolve("letter-" + lang + ".pdf"), pdf);
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                javax.imageio.ImageIO.write(
                        new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(page, 60),
                        "png",
                        dir.resolve("letter-" + lang + "-" + (page + 1) + ".png")
                                .toFile());
            }
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** The PDF letter of a request in a language, fetched through the API as one user (200 expected). */
    private byte[] letter(String request, String lang, String username) throws Exception {
        return mvc.perform(get("/api/requests/" + request + "/letter")
                        .param("lang", lang)
                        .with(as(username)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
    }
}
