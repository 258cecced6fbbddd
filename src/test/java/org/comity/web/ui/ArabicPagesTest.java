package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Properties;
import java.util.regex.Pattern;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * The main pages in Arabic: right-to-left, marked as Arabic, and with no English sentence left over
 * (every English message of three words or more is absent from the page).
 */
@NodeTest
class ArabicPagesTest {

    private static final Cookie ARABIC = new Cookie("comity-lang", "ar");
    private static final Pattern HTML_START = Pattern.compile("<html[^>]*>");

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
    }

    @Test
    void publicPagesAreRightToLeft() throws Exception {
        for (String path : new String[] {"/", "/login", "/problems"}) {
            var page = mvc.perform(get(path).cookie(ARABIC).accept(MediaType.TEXT_HTML))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertArabic(path, page);
        }
    }

    @Test
    void consolePagesAreRightToLeftAndFullyTranslated() throws Exception {
        var id = registerIncoming();
        String[][] pages = {
            {"/console", "SUPERVISOR"},
            {"/requests", "AUDITOR"},
            {"/requests/new", "CASEWORKER"},
            {"/requests/incoming/new", "CASEWORKER"},
            {"/requests/" + id, "LEGAL_REVIEWER"},
            {"/treaties", "AUDITOR"},
            {"/treaties/legal-basis?a=FR&b=DE", "CASEWORKER"},
            {"/states", "CASEWORKER"},
            {"/states/FR", "CASEWORKER"},
            {"/admin/accounts", "ADMIN"},
            {"/admin/profiles", "ADMIN"},
            {"/admin/treaty-actions", "ADMIN"},
            {"/admin/policy-packs", "ADMIN"},
        };
        for (String[] p : pages) {
            var page = mvc.perform(get(p[0])
                            .with(ConsolePagesTest.as(Role.valueOf(p[1])))
                            .cookie(ARABIC)
                            .accept(MediaType.TEXT_HTML))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertArabic(p[0], page);
        }
    }

    @Test
    void statesAreNamedInArabic() throws Exception {
        var page = mvc.perform(get("/treaties/legal-basis?a=CL&b=FR")
                        .with(ConsolePagesTest.as(Role.CASEWORKER))
                        .cookie(ARABIC)
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        // The registry's UNTERM Arabic short names, not the English ones.
        assertThat(page)
                .contains(">شيلي (CL)</option>")
                .contains(">فرنسا (FR)</option>")
                .contains(">جمهورية كوريا (KR)</option>")
                .doesNotContain(">Chile (CL)</option>");
    }

    @Test
    void theLanguageParameterSwitchesToArabicAndBack() throws Exception {
        var response = mvc.perform(get("/requests?lang=ar")
                        .with(ConsolePagesTest.as(Role.CASEWORKER))
                        .accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse();
        assertThat(response.getCookie("comity-lang")).isNotNull();
        assertThat(response.getCookie("comity-lang").getValue()).isEqualTo("ar");
        assertArabic("/requests?lang=ar", response.getContentAsString());

        var english = mvc.perform(get("/requests?lang=en")
                        .with(ConsolePagesTest.as(Role.CASEWORKER))
                        .cookie(ARABIC)
                        .accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse()
                .getContentAsString();
        var html = html(english);
        assertThat(html).contains("lang=\"en\"").contains("dir=\"ltr\"");
    }

    private String registerIncoming() throws Exception {
        var location = mvc.perform(post("/requests/incoming")
                        .with(ConsolePagesTest.as(Role.CASEWORKER))
                        .with(csrf())
                        .cookie(ARABIC)
                        .param("kind", "STORED_DATA")
                        .param("requestingName", "Office of the Prosecutor")
                        .param("requestingState", "XA")
                        .param("requestedName", "Central authority")
                        .param("requestedState", "XB")
                        .param("subjects[0].identifiers[0].type", "IP_ADDRESS")
                        .param("subjects[0].identifiers[0].value", "203.0.113.7"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).startsWith("/requests/");
        return location.substring("/requests/".length());
    }

    private static void assertArabic(String path, String page) throws IOException {
        assertThat(html(page)).as(path).contains("lang=\"ar\"").contains("dir=\"rtl\"");
        var english = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/messages.properties"))) {
            english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        var leftInEnglish = new ArrayList<String>();
        for (String key : english.stringPropertyNames()) {
            var value = english.getProperty(key);
            if (!value.contains("{") && value.split(" ").length >= 3 && page.contains(HtmlUtils.htmlEscape(value))) {
                leftInEnglish.add(key + " = " + value);
            }
        }
        assertThat(leftInEnglish).as("English messages on %s in Arabic", path).isEmpty();
    }

    private static String html(String page) {
        var matcher = HTML_START.matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
