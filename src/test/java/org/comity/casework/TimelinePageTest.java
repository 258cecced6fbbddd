package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request page's timeline says each action in the reader's language, from the codes the audit
 * trail stores; a line stored before codes existed shows the English it was written in.
 */
@NodeTest
class TimelinePageTest {

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
        casework.startReview(id, null, caseworker);
        casework.requestInformation(id, null, "the account's creation date", caseworker);
        casework.informationReceived(id, null, caseworker);
        casework.assign(id, null, TestAccounts.username(Role.LEGAL_REVIEWER), caseworker);
        casework.withdraw(id, null, "l'enquête est close", caseworker);
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
