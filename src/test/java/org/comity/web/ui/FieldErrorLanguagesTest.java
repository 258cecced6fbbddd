package org.comity.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.shared.Violation;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.comity.web.RuleMessages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Modules name many rules generically ("required", "format") with an English sentence about the field:
 * on French and Arabic pages the message next to the field comes from the bundles
 * ({@code rule.<rule>.<field>}, then {@code rule.<rule>}), never from the module's sentence.
 */
@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class FieldErrorLanguagesTest {

    private static final Pattern FIELD_ERROR =
            Pattern.compile("<p class=\"field-error\" id=\"([^\"]+)-error\">(.*?)</p>", Pattern.DOTALL);
    private static final Pattern SUMMARY = Pattern.compile("id=\"error-summary\">(.*?)</div>", Pattern.DOTALL);
    private static final Pattern REPORT = Pattern.compile("id=\"report-title\".*?</section>", Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    private static final Pattern ARABIC = Pattern.compile("\\p{IsArabic}");

    @Autowired
    MockMvc mvc;

    @Autowired
    RuleMessages rules;

    @Autowired
    Accounts accounts;

    @Test
    void anEmptyTreatyActionFormIsExplainedInEachLanguage() throws Exception {
        var english = fieldErrors(page(recordAction("", "", "", "", "", ""), "en"));
        var french = fieldErrors(page(recordAction("", "", "", "", "", ""), "fr"));
        var arabic = fieldErrors(page(recordAction("", "", "", "", "", ""), "ar"));

        assertThat(english.keySet()).containsExactlyInAnyOrder("instrument", "party", "action", "source", "asOf");
        assertThat(english)
                .containsEntry("source", "Name the source: the depositary's publisher, document and address.")
                .containsEntry("asOf", "Give the date of the source's snapshot (YYYY-MM-DD).");
        assertTranslated(english, french, arabic);
        assertThat(french)
                .containsEntry("source", "Indiquez la source : l'éditeur, le document et l'adresse du dépositaire.")
                .containsEntry(
                        "party",
                        "Indiquez le code ISO 3166-1 à deux lettres d'un État ou d'une organisation,"
                                + " par exemple FR.");
        assertThat(arabic).containsEntry("source", "اذكر المصدر: جهة النشر لدى الوديع والوثيقة وعنوانها.");

        var summary = summary(page(recordAction("", "", "", "", "", ""), "ar"));
        assertThat(summary).hasSize(5).allSatisfy(text -> assertThat(text).containsPattern(ARABIC));
    }

    @Test
    void wrongValuesInTheTreatyActionFormAreExplainedInEachLanguage() throws Exception {
        // A regulation is not joined by treaty action; YY is no State; the action is dated after its source.
        java.util.function.Supplier<MockHttpServletRequestBuilder> form =
                () -> recordAction("EU-2023-1543", "YY", "ratified", "2026-05-01", "a source", "2026-01-01");
        var english = fieldErrors(page(form.get(), "en"));
        var french = fieldErrors(page(form.get(), "fr"));
        var arabic = fieldErrors(page(form.get(), "ar"));

        assertThat(english.keySet()).containsExactlyInAnyOrder("instrument", "party", "action", "date");
        assertThat(english.get("date")).isEqualTo("An action cannot be dated after the as-of date of its source.");
        assertTranslated(english, french, arabic);
        assertThat(french.get("party")).isEqualTo("Cet État ou cette organisation ne figure pas au registre.");
    }

    @Test
    void theLegalBasisFormExplainsUnknownStatesInEachLanguage() throws Exception {
        var english = fieldErrors(legalBasis("en"));
        var french = fieldErrors(legalBasis("fr"));
        var arabic = fieldErrors(legalBasis("ar"));
        assertThat(english.keySet()).containsExactlyInAnyOrder("a", "b");
        assertTranslated(english, french, arabic);
    }

    @Test
    void anImportReportNamesGenericRulesInTheReadersLanguage() throws Exception {
        var csv = """
                instrument,party,action,date,source,as_of,note
                UNCC,XB,signature,2026-01-05,,,
                """;
        var page = page(
                multipart("/admin/treaty-actions/import")
                        .file(new MockMultipartFile(
                                "file", "actions.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8))),
                "fr");
        var report = REPORT.matcher(page);
        assertThat(report.find()).isTrue();
        assertThat(report.group())
                .contains("Indiquez la source : l&#39;éditeur")
                .contains("Indiquez la date de l&#39;état de la source")
                .doesNotContain("every action names its source");
    }

    @Test
    void aRequestPageActionExplainsItsRuleInEachLanguage() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        var body = mvc.perform(post("/api/requests")
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"STORED_DATA\", \"content\": {}}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        var created = JsonMapper.builder().build().readTree(body);
        java.util.function.Function<String, String> assignToNobody = language -> {
            try {
                var posted = mvc.perform(post("/requests/" + created.get("id").asString() + "/actions/assign")
                                .param("version", created.get("version").asString())
                                .param("assignee", "nobody-of-that-name")
                                .param("lang", language)
                                .with(user(TestAccounts.username(Role.CASEWORKER))
                                        .roles("CASEWORKER"))
                                .with(csrf()))
                        .andExpect(status().is3xxRedirection())
                        .andReturn();
                // Post/redirect/get: the problems are shown on the request page the action redirects to.
                assertThat(posted.getResponse().getRedirectedUrl())
                        .isEqualTo("/requests/" + created.get("id").asString());
                return mvc.perform(get(posted.getResponse().getRedirectedUrl())
                                .param("lang", language)
                                .flashAttrs(posted.getFlashMap())
                                .with(user(TestAccounts.username(Role.CASEWORKER))
                                        .roles("CASEWORKER")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString(StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        var english = fieldErrors(assignToNobody.apply("en"));
        var french = fieldErrors(assignToNobody.apply("fr"));
        var arabic = fieldErrors(assignToNobody.apply("ar"));
        assertThat(english).containsEntry("assign-assignee", "Assign the request to an existing user.");
        assertTranslated(english, french, arabic);
    }

    @Test
    void aFieldSpecificMessageComesFirstThenTheRuleThenTheModulesSentence() {
        LocaleContextHolder.setLocale(java.util.Locale.FRENCH);
        try {
            assertThat(rules.message(new Violation("source", "required", "every action names its source")))
                    .startsWith("Indiquez la source");
            assertThat(rules.message(new Violation("line 4: as_of", "required", "give the date")))
                    .startsWith("Indiquez la date de l'état de la source");
            assertThat(rules.message(new Violation("subjects[2].name", "unknown-state", "not in the registry")))
                    .isEqualTo("Cet État ou cette organisation ne figure pas au registre.");
            assertThat(rules.message(new Violation("votes", "required", "give yes, no, abstain and absent counts")))
                    .isEqualTo("give yes, no, abstain and absent counts");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
        assertThat(RuleMessages.field("line 12: as_of")).isEqualTo("asOf");
        assertThat(RuleMessages.field("offences[0].conduct")).isEqualTo("offences.conduct");
    }

    private static void assertTranslated(
            Map<String, String> english, Map<String, String> french, Map<String, String> arabic) {
        assertThat(french.keySet()).isEqualTo(english.keySet());
        assertThat(arabic.keySet()).isEqualTo(english.keySet());
        english.forEach((input, text) -> {
            assertThat(french.get(input))
                    .as("French message of %s among %s", input, french)
                    .isNotEqualTo(text);
            assertThat(arabic.get(input)).as("Arabic message of %s", input).containsPattern(ARABIC);
        });
    }

    private static MockHttpServletRequestBuilder recordAction(
            String instrument, String party, String action, String date, String source, String asOf) {
        return post("/admin/treaty-actions")
                .param("instrument", instrument)
                .param("party", party)
                .param("action", action)
                .param("date", date)
                .param("source", source)
                .param("asOf", asOf)
                .param("note", "");
    }

    private String legalBasis(String language) throws Exception {
        return page(get("/treaties/legal-basis").param("a", "YY").param("b", "YY"), language);
    }

    private String page(AbstractMockHttpServletRequestBuilder<?> request, String language) throws Exception {
        return mvc.perform(request.param("lang", language)
                        .with(user("test-admin").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    /** Each input's message, as the reader sees it (entities decoded enough to compare sentences). */
    private static Map<String, String> fieldErrors(String page) {
        var found = new LinkedHashMap<String, String>();
        var matcher = FIELD_ERROR.matcher(page);
        while (matcher.find()) {
            found.put(matcher.group(1), text(matcher.group(2)));
        }
        return found;
    }

    private static List<String> summary(String page) {
        var matcher = SUMMARY.matcher(page);
        assertThat(matcher.find()).as("an error summary").isTrue();
        return Pattern.compile("<li>(.*?)</li>", Pattern.DOTALL)
                .matcher(matcher.group(1))
                .results()
                .map(r -> text(r.group(1)))
                .toList();
    }

    private static String text(String html) {
        return TAG.matcher(html).replaceAll("").replace("&#39;", "'").strip();
    }
}
