package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * The decision letter to the requesting State (issue 13): each outcome's letter, in English, French and
 * Arabic, says the outcome with every reason, condition, part refused, postponement date and the
 * consultation held, with dates as the reader writes them, instruments by name and offences in words;
 * a Latin-script instrument name in the Arabic letter stays whole.
 */
@NodeTest
@TestPropertySource(properties = {"comity.casework.watch-enabled=false", FictionalUncc.PROPERTY})
class DecisionLetterTest {

    static final String UNCC = "UN Convention against Cybercrime (Hanoi Convention)";
    static final String BUDAPEST = "Budapest Convention (ETS No. 185)";

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @Autowired
    Treaties treaties;

    @BeforeEach
    void accounts() {
        TestAccounts.createOnePerRole(accounts);
        FictionalUncc.inForce(treaties);
    }

    @Test
    void aGrantWithConditionsGivesEveryConditionAndReasonInEachLanguage() throws Exception {
        var id = decided(CaseworkApiTest.CONTENT, """
                {"outcome": "granted-with-conditions",
                 "conditions": ["use only in the fraud proceedings", "no onward transfer to third States"],
                 "reasons": [{"explanation": "speciality protects the account holder"}]}
                """);
        var en = letter(id, "en");
        assertThat(en)
                .contains("Decision on a request for mutual legal assistance")
                .contains("Request granted subject to conditions")
                .contains("use only in the fraud proceedings", "no onward transfer to third States")
                .contains("speciality protects the account holder")
                .contains("If the requesting State accepts assistance subject to these conditions, it shall comply")
                .contains(UNCC)
                .contains("ICT-related theft or fraud")
                .doesNotContain("ict-theft-or-fraud")
                .doesNotContain("(UNCC)")
                .doesNotContain("Consultation");
        var fr = letter(id, "fr");
        assertThat(fr)
                .contains("Demande accordée sous conditions")
                .contains("sous réserve des conditions suivantes")
                .contains("use only in the fraud proceedings", "no onward transfer to third States")
                .contains("Vol ou fraude informatique");
        var ar = letter(id, "ar");
        assertThat(ar)
                .contains("قبول الطلب رهناً بشروط")
                .contains("use only in the fraud proceedings")
                .contains(UNCC)
                .doesNotContain("Request granted");
    }

    @Test
    void aPartialGrantSaysThePartRefusedWithItsGroundsAndTheConsultationHeld() throws Exception {
        var id = decided(CaseworkApiTest.CONTENT, """
                {"outcome": "partially-granted", "granted": "subscriber data for January",
                 "refused": "the traffic data",
                 "reasons": [{"ground": "NO_DUAL_CRIMINALITY", "explanation": "not an offence here"},
                             {"ground": "DATA_PROTECTION", "explanation": "retention period exceeded"}]}
                """);
        var expected = Map.of(
                "en", List.of("Request granted in part", "No dual criminality", "Data protection", "Consultation"),
                "fr",
                        List.of(
                                "Demande accordée en partie",
                                "Absence de double incrimination",
                                "Protection des données"),
                "ar", List.of("قبول الطلب جزئياً", "انتفاء ازدواجية التجريم", "حماية البيانات", "التشاور"));
        for (var lang : List.of("en", "fr", "ar")) {
            assertThat(letter(id, lang))
                    .as(lang)
                    .contains("subscriber data for January", "the traffic data")
                    .contains("not an offence here", "retention period exceeded")
                    // The consultation, from the audit trail: a grant in part keeps no consultation of its own.
                    .contains("Central Authority")
                    .contains(expected.get(lang));
        }
    }

    @Test
    void aPostponementGivesItsDateAsTheReaderWritesIt() throws Exception {
        var id = decided(CaseworkApiTest.CONTENT, """
                {"outcome": "postponed", "reason": "a domestic investigation would be prejudiced",
                 "until": "2099-09-30"}
                """);
        assertThat(letter(id, "en"))
                .contains("until September 30, 2099")
                .contains("a domestic investigation would be prejudiced")
                .contains("asked whether the request could be narrowed")
                .doesNotContain("2099-09-30");
        assertThat(letter(id, "fr"))
                .contains("jusqu’au 30 septembre 2099")
                .contains("a domestic investigation would be prejudiced")
                .doesNotContain("2099-09-30");
        assertThat(letter(id, "ar"))
                .contains("سبتمبر")
                .contains("a domestic investigation would be prejudiced")
                .doesNotContain("2099-09-30")
                .doesNotContain("September");
    }

    @Test
    void aRefusalGivesEveryReasonAndTheConsultationAndNamesTheInstrumentWhole() throws Exception {
        var content = CaseworkApiTest.CONTENT.replace("\"legalBasis\": \"UNCC\"", "\"legalBasis\": \"ETS185\"");
        var id = decided(content, """
                {"outcome": "refused",
                 "reasons": [{"ground": "ESSENTIAL_INTERESTS", "explanation": "security of the State"},
                             {"ground": "NOT_IN_CONFORMITY", "explanation": "the request lacks its safeguards"}]}
                """);
        for (var lang : List.of("en", "fr", "ar")) {
            assertThat(letter(id, lang))
                    .as(lang)
                    .contains("security of the State", "the request lacks its safeguards")
                    .contains("asked whether the request could be narrowed")
                    .contains(BUDAPEST)
                    .doesNotContain("(ETS185)")
                    .doesNotContain("ETS185");
        }
        assertThat(letter(id, "en")).contains("Request refused", "Essential interests", "Request not in conformity");
        assertThat(letter(id, "fr")).contains("Demande refusée", "Intérêts essentiels", "Motifs du refus");
        assertThat(letter(id, "ar")).contains("رفض الطلب", "المصالح الأساسية", "أسباب الرفض ومسوّغاته");
    }

    @Test
    void theLetterOfRequestNamesTheInstrumentWithoutItsRegistryIdAndKeepsItWholeInArabic() throws Exception {
        var content = CaseworkApiTest.CONTENT.replace("\"legalBasis\": \"UNCC\"", "\"legalBasis\": \"ETS185\"");
        var id = CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests/incoming"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content))
                .andExpect(status().isCreated()));
        for (var lang : List.of("en", "fr", "ar")) {
            var text = LetterTest.text(mvc.perform(get("/api/requests/" + id + "/letter")
                            .param("lang", lang)
                            .with(CaseworkApiTest.as(Role.AUDITOR)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsByteArray());
            assertThat(text)
                    .as(lang)
                    .contains(BUDAPEST)
                    .doesNotContain("ETS185")
                    .doesNotContain("ict-theft-or-fraud");
        }
    }

    @Test
    void noDecisionLetterBeforeTheDecisionStandsNorForAnotherUnit() throws Exception {
        var id = CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests/incoming"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(CaseworkApiTest.CONTENT))
                .andExpect(status().isCreated()));
        mvc.perform(get("/api/requests/" + id + "/decision-letter").with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(status().isConflict())
                .andExpect(header().string("Content-Type", "application/problem+json"))
                .andExpect(jsonPath("$.rule").value("no-decision"));
        mvc.perform(get("/api/requests/" + UUID.randomUUID() + "/decision-letter")
                        .with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/requests/" + id + "/decision-letter")
                        .param("lang", "de")
                        .with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("lang"));
    }

    @Test
    void theRequestPageOffersTheDecisionLetterOnceDecidedAndTheConsoleServesIt() throws Exception {
        var id = decided(CaseworkApiTest.CONTENT, """
                {"outcome": "granted", "reasons": [{"explanation": "subscriber data only"}]}
                """);
        var page = mvc.perform(get("/requests/" + id)
                        .with(user(TestAccounts.username(Role.AUDITOR)).roles("AUDITOR"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("action=\"/requests/" + id + "/decision-letter.pdf\"")
                .contains("<label for=\"decision-letter-lang\"");
        var pdf = mvc.perform(get("/requests/" + id + "/decision-letter.pdf")
                        .param("lang", "fr")
                        .with(user(TestAccounts.username(Role.AUDITOR)).roles("AUDITOR")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn()
                .getResponse();
        var reference = json(mvc.perform(get(path(id)).with(CaseworkApiTest.as(Role.AUDITOR))))
                .get("reference")
                .asString();
        assertThat(pdf.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"decision-" + reference + "-granted-fr.pdf\"");
        assertThat(LetterTest.text(pdf.getContentAsByteArray()))
                .contains("Demande accordée", "subscriber data only", "a décidé d’accorder")
                .contains("Notre référence", reference);
    }

    @Test
    void theDecisionLetterStaysAvailableOnceExecutionStartsAndQuotesBothReferences() throws Exception {
        var id = decided(CaseworkApiTest.CONTENT, """
                {"outcome": "granted", "reasons": [{"explanation": "subscriber data only"}]}
                """);
        call(Role.CASEWORKER, put(path(id) + "/counterpart-reference"), "{\"counterpartReference\": \"XA/PG/2026-41\"}")
                .andExpect(status().isOk());
        call(Role.CASEWORKER, post(path(id) + "/execution"), "{}").andExpect(status().isOk());
        var reference = json(mvc.perform(get(path(id)).with(CaseworkApiTest.as(Role.AUDITOR))))
                .get("reference")
                .asString();

        assertThat(letter(id, "en"))
                .contains("Request granted", "subscriber data only")
                .contains("Our reference", reference, "Your reference", "XA/PG/2026-41");
        var page = mvc.perform(get("/requests/" + id)
                        .with(user(TestAccounts.username(Role.AUDITOR)).roles("AUDITOR"))
                        .accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("action=\"/requests/" + id + "/decision-letter.pdf\"");
    }

    /** Registers {@code content} as incoming, consults, decides with {@code body}, approves if asked to. */
    private String decided(String content, String body) throws Exception {
        var id = CaseworkApiTest.id(call(
                        Role.CASEWORKER,
                        post("/api/requests/incoming"),
                        "{\"kind\": \"STORED_DATA\", \"content\": %s}".formatted(content))
                .andExpect(status().isCreated()));
        call(Role.LEGAL_REVIEWER, post(path(id) + "/review"), "{}").andExpect(status().isOk());
        call(Role.LEGAL_REVIEWER, post(path(id) + "/consultations"), """
                        {"with": "Central Authority", "summary": "asked whether the request could be narrowed"}""").andExpect(status().isOk());
        var answer = call(Role.LEGAL_REVIEWER, post(path(id) + "/decision"), body);
        assertThat(answer.andReturn().getResponse().getStatus())
                .as(answer.andReturn().getResponse().getContentAsString())
                .isEqualTo(200);
        var view = json(answer);
        if (view.get("state").asString().equals("awaiting-decision-approval")) {
            mvc.perform(get(path(id) + "/decision-letter").with(CaseworkApiTest.as(Role.AUDITOR)))
                    .andExpect(status().isConflict())
                    .andExpect(jsonPath("$.rule").value("no-decision"));
            call(Role.SUPERVISOR, post(path(id) + "/decision/approval"), CaseworkApiTest.approval(view))
                    .andExpect(status().isOk());
        }
        return id;
    }

    /** The decision letter's text, fetched through the API by an auditor. */
    private String letter(String id, String lang) throws Exception {
        return LetterTest.text(mvc.perform(
                        get(path(id) + "/decision-letter").param("lang", lang).with(CaseworkApiTest.as(Role.AUDITOR)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn()
                .getResponse()
                .getContentAsByteArray());
    }

    private static String path(String id) {
        return "/api/requests/" + UUID.fromString(id);
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return CaseworkApiTest.JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private ResultActions call(Role role, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(request.with(CaseworkApiTest.as(role))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
