package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.MutableClock;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request page's timeline says each action in the reader's language, from the codes the audit
 * trail stores; a line stored before codes existed shows the English it was written in. Documents
 * attached (which make no audit line) are lines of their own, in time order.
 */
@NodeTest
class TimelinePageTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }

    static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TEXT = "Procès-verbal d'audience\n".getBytes(StandardCharsets.UTF_8);

    private static final String[] ENGLISH_ACTIONS = {
        "registered incoming request",
        "started review",
        "requested information",
        "information received",
        "assigned to",
        "withdrawn:",
        "registered the incoming request",
        "started the review",
        "withdrew the request",
    };

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Casework casework;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    private UUID id;

    @BeforeEach
    void aRequestWithAHistory() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var caseworker = TestAccounts.username(Role.CASEWORKER);
        var body = mvc.perform(post("/api/requests/incoming")
                        .with(httpBasic(caseworker, TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        id = UUID.fromString(
                JsonMapper.builder().build().readTree(body).get("id").asString());
        clock.advance(Duration.ofMinutes(1));
        casework.startReview(id, null, caseworker);
        clock.advance(Duration.ofMinutes(1));
        // Attached through the console between two actions, without making a version.
        mvc.perform(multipart("/requests/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "court order.pdf", "application/pdf", PDF))
                        .with(user(caseworker).roles("CASEWORKER"))
                        .with(csrf()))
                .andExpect(status().is3xxRedirection());
        clock.advance(Duration.ofMinutes(1));
        casework.requestInformation(id, null, "the account's creation date", caseworker);
        clock.advance(Duration.ofMinutes(1));
        casework.informationReceived(id, null, caseworker);
        clock.advance(Duration.ofMinutes(1));
        casework.assign(id, null, TestAccounts.username(Role.LEGAL_REVIEWER), caseworker);
        clock.advance(Duration.ofMinutes(1));
        casework.withdraw(id, null, "l'enquête est close", caseworker);
        clock.advance(Duration.ofMinutes(1));
        // And through the API, after the last action but before the legacy line's moment.
        mvc.perform(multipart("/api/requests/" + id + "/attachments")
                        .file(new MockMultipartFile("file", "note d'audience.txt", "text/plain", TEXT))
                        .with(httpBasic(TestAccounts.username(Role.LEGAL_REVIEWER), TestAccounts.PASSWORD)))
                .andExpect(status().isCreated());
        // A line as every node stored it before audit codes: English text only.
        var last = casework.get(id).version();
        jdbc.sql("""
                        INSERT INTO casework_audit (request_id, at, actor, action, from_version, to_version,
                                                    from_state, to_state)
                        VALUES (?, ?, 'system', 'legacy note stored in English', ?, ?, 'withdrawn', 'withdrawn')
                        """)
                .params(id, Timestamp.from(Instant.parse("2026-03-03T10:00:00Z")), last, last + 1)
                .update();
    }

    @Test
    void theTimelineIsInFrench() throws Exception {
        var timeline = timeline("fr");
        assertThat(timeline)
                .contains("a enregistré la demande reçue")
                .contains("a commencé l&#39;examen")
                .contains("a demandé des informations : <bdi>the account&#39;s creation date</bdi>")
                .contains("a attribué la demande à <bdi>" + TestAccounts.username(Role.LEGAL_REVIEWER) + "</bdi>")
                .contains("a retiré la demande : <bdi>l&#39;enquête est close</bdi>");
        assertThat(timeline).doesNotContain(ENGLISH_ACTIONS);
        assertThat(timeline).contains("<span lang=\"en\"><bdi>legacy note stored in English</bdi></span>");
    }

    @Test
    void theTimelineIsInArabic() throws Exception {
        var timeline = timeline("ar");
        assertThat(timeline)
                .contains("تسجيل الطلب الوارد")
                .contains("بدء المراجعة")
                .contains("طلب معلومات: \u2068<bdi>the account&#39;s creation date</bdi>\u2069")
                .contains("إسناد الطلب إلى \u2068<bdi>" + TestAccounts.username(Role.LEGAL_REVIEWER) + "</bdi>\u2069")
                .contains("سحب الطلب: \u2068<bdi>l&#39;enquête est close</bdi>\u2069");
        assertThat(timeline).doesNotContain(ENGLISH_ACTIONS);
        assertThat(timeline).contains("<span lang=\"en\"><bdi>legacy note stored in English</bdi></span>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            en | started the review       | attached “{file}” (PDF, 35 bytes, SHA-256 {hash})         | requested information | withdrew the request | attached “{file}” (plain text, 26 bytes, SHA-256 {hash})
            fr | a commencé l&#39;examen  | a joint « {file} » (PDF, 35 octets, SHA-256 {hash})  | a demandé des informations | a retiré la demande | a joint « {file} » (texte brut, 26 octets, SHA-256 {hash})
            ar | بدء المراجعة             | إرفاق المستند «⁨{file}⁩» (⁨ملف PDF⁩، ⁨{size}⁩، SHA-256 ⁨{hash}⁩) | طلب معلومات | سحب الطلب | إرفاق المستند «⁨{file}⁩» (⁨نص عادي⁩، ⁨{size}⁩، SHA-256 ⁨{hash}⁩)
            """)
    void attachedDocumentsAreLinesInTimeOrder(
            String language, String before, String pdfLine, String after, String withdrawn, String textLine)
            throws Exception {
        var timeline = timeline(language);
        var link = "<a href=\"/requests/" + id + "/attachments/[0-9a-f-]{36}\" download><bdi>";
        // Arabic shows the size in its own digits, as the documents list does; the rest is as written.
        var size = language.equals("ar") ? "[^<]+?" : "";
        var pdf = find(timeline, pdfLine, link + "court order.pdf</bdi></a>", hashOf(PDF), size);
        var text = find(timeline, textLine, link + "note d&#39;audience.txt</bdi></a>", hashOf(TEXT), size);

        assertThat(timeline.indexOf(before)).isPositive().isLessThan(pdf);
        assertThat(pdf).isLessThan(timeline.indexOf(after));
        assertThat(timeline.indexOf(withdrawn)).isPositive().isLessThan(text);
        assertThat(text).isLessThan(timeline.indexOf("legacy note stored in English"));
        // Who attached each, and no state change on their lines.
        assertThat(timeline.substring(timeline.lastIndexOf("<li", pdf), pdf))
                .contains("<bdi>" + TestAccounts.username(Role.CASEWORKER));
        assertThat(timeline.substring(timeline.lastIndexOf("<li", text), text))
                .contains("<bdi>" + TestAccounts.username(Role.LEGAL_REVIEWER));
        assertThat(timeline.substring(text, timeline.indexOf("</li>", text))).doesNotContain("→");
    }

    /** Where the line appears in the timeline, its placeholders filled in (asserting that it does). */
    private static int find(String timeline, String line, String file, String hash, String size) {
        var regex = Pattern.quote(line)
                .replace("{file}", "\\E" + file + "\\Q")
                .replace("{hash}", "\\E<bdi>" + hash.substring(0, 8) + "…</bdi>\\Q")
                .replace("{size}", "\\E" + size + "\\Q");
        var matcher = Pattern.compile(regex).matcher(timeline);
        assertThat(matcher.find()).as("%s in %s", regex, timeline).isTrue();
        return matcher.start();
    }

    private static String hashOf(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void theApiListsCodesBesideTheEnglish() throws Exception {
        mvc.perform(get("/api/requests/" + id + "/audit")
                        .with(httpBasic(TestAccounts.username(Role.AUDITOR), TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].action").value("registered incoming request"))
                .andExpect(jsonPath("$[0].actions[0].code").value("registered-incoming"))
                .andExpect(jsonPath("$[0].actions[0].args.length()").value(0))
                // Only the code and its arguments: the English is the line's own `action`.
                .andExpect(jsonPath("$[0].actions[0].length()").value(2))
                .andExpect(jsonPath("$[0].assessmentFailed").value(false))
                .andExpect(jsonPath("$[2].action").value("requested information: the account's creation date"))
                .andExpect(jsonPath("$[2].actions[0].code").value("requested-information"))
                .andExpect(jsonPath("$[2].actions[0].args[0]").value("the account's creation date"))
                .andExpect(jsonPath("$[5].actions[0].code").value("withdrawn"))
                .andExpect(jsonPath("$[6].action").value("legacy note stored in English"))
                .andExpect(jsonPath("$[6].actions").doesNotExist())
                .andExpect(jsonPath("$[6].assessmentFailed").doesNotExist());
    }

    private String timeline(String language) throws Exception {
        var page = mvc.perform(get("/requests/" + id + "?lang=" + language)
                        .with(user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        int start = page.indexOf("id=\"timeline-title\"");
        assertThat(start).isPositive();
        return page.substring(start, page.indexOf("</ol>", start));
    }
}
