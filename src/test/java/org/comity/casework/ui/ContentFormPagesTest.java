package org.comity.casework.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The drafting and registration forms: any number of offences, subjects and identifiers added and
 * removed by submit buttons (no JavaScript), errors next to the row they are about, conduct picked from
 * the vocabulary, and what the safeguards assessment reads stored with the request.
 */
@NodeTest
class ContentFormPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    static RequestPostProcessor caseworker() {
        return user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER");
    }

    @BeforeEach
    void users() {
        TestAccounts.createOnePerRole(accounts);
    }

    @Test
    void theStepHeadingCountsTheReviewStepAndMissingChannelsAreSaid() throws Exception {
        var id = draft();
        var page = mvc.perform(get("/requests/" + id + "/draft/offence").with(caseworker()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Step 2 of 5").doesNotContain("of 4");
        // XB's profile names its authorities without channels: said, not an empty "Channels:".
        assertThat(page).contains("none recorded in the profile");
    }

    @Test
    void rowsAreAddedAndRemovedKeepingWhatWasTyped() throws Exception {
        var id = draft();
        var added = page(step(id, "offence")
                .param("offences[0].domesticProvision", "Penal Code s. 301")
                .param("offences[0].conductCategories", "ict-theft-or-fraud")
                .param("summaryOfFacts", "Fraud through a fake investment site.")
                .param("edit", "add:offences"));
        assertThat(added)
                .contains("name=\"offences[1].domesticProvision\"")
                .contains("value=\"Penal Code s. 301\"")
                .contains("Fraud through a fake investment site.")
                .contains("Offence 2")
                .contains("Remove offence 2");
        // Nothing was saved by adding a row.
        assertThat(stored(id).at("/content/offences").size()).isZero();

        var removed = page(step(id, "offence")
                .param("offences[0].domesticProvision", "Penal Code s. 301")
                .param("offences[1].domesticProvision", "Penal Code s. 302")
                .param("edit", "remove:offences[0]"));
        assertThat(removed)
                .contains("name=\"offences[0].domesticProvision\"")
                .contains("value=\"Penal Code s. 302\"")
                .doesNotContain("value=\"Penal Code s. 301\"")
                .doesNotContain("name=\"offences[1].domesticProvision\"");

        var identifiers = page(step(id, "subjects")
                .param("subjects[0].name", "A. Operator")
                .param("subjects[0].identifiers[0].value", "203.0.113.7")
                .param("edit", "add:subjects[0].identifiers"));
        assertThat(identifiers)
                .contains("name=\"subjects[0].identifiers[1].value\"")
                .contains("value=\"203.0.113.7\"")
                .contains("value=\"A. Operator\"");
        var subjects = page(step(id, "subjects").param("subjects[0].name", "A").param("edit", "add:subjects"));
        assertThat(subjects)
                .contains("name=\"subjects[1].name\"")
                .contains("name=\"subjects[1].identifiers[0].value\"");
    }

    @Test
    void removingASubjectRenumbersTheProceedingsAgainstLaterSubjects() throws Exception {
        var id = draft();
        var page = page(step(id, "subjects")
                .param("subjects[0].name", "A. First")
                .param("subjects[1].name", "B. Second")
                .param("subjects[2].name", "C. Third")
                .param("priorProceedings[0].state", "XC")
                .param("priorProceedings[0].subject", "2")
                .param("priorProceedings[1].state", "XD")
                .param("priorProceedings[1].subject", "1")
                .param("priorProceedings[2].state", "XE")
                .param("priorProceedings[2].subject", "0")
                .param("priorProceedings[3].state", "XF")
                .param("priorProceedings[3].subject", "")
                .param("edit", "remove:subjects[1]"));
        assertThat(page)
                .contains("value=\"A. First\"")
                .contains("value=\"C. Third\"")
                .doesNotContain("value=\"B. Second\"")
                .doesNotContain("name=\"subjects[2].name\"");
        // C. Third is now subject 2: the proceeding against C follows it.
        assertThat(selected(page, "priorProceedings[0].subject")).isEqualTo("1");
        assertThat(selectedText(page, "priorProceedings[0].subject")).contains("C. Third");
        // The proceeding against the removed person points at nobody, and says so next to its field.
        assertThat(selected(page, "priorProceedings[1].subject")).isEmpty();
        assertThat(page)
                .contains("id=\"priorProceedings[1].subject-error\"")
                .contains("The subject this proceeding was against has been removed")
                .doesNotContain("id=\"priorProceedings[0].subject-error\"")
                .doesNotContain("id=\"priorProceedings[2].subject-error\"");
        assertThat(selected(page, "priorProceedings[2].subject")).isEqualTo("0");
        assertThat(selected(page, "priorProceedings[3].subject")).isEmpty();
        // Nothing was saved by removing a row.
        assertThat(stored(id).at("/content/subjects").size()).isZero();

        // Removing a proceeding or an identifier renumbers nobody.
        var other = page(step(id, "subjects")
                .param("subjects[0].name", "A. First")
                .param("subjects[0].identifiers[0].value", "203.0.113.7")
                .param("subjects[1].name", "B. Second")
                .param("priorProceedings[0].subject", "1")
                .param("edit", "remove:subjects[0].identifiers[0]"));
        assertThat(selected(other, "priorProceedings[0].subject")).isEqualTo("1");
        assertThat(other).doesNotContain("-error\"");
    }

    @Test
    void removingASubjectOnTheRegistrationFormRenumbersToo() throws Exception {
        var page = mvc.perform(post("/requests/incoming")
                        .with(caseworker())
                        .with(csrf())
                        .param("kind", "STORED_DATA")
                        .param("subjects[0].name", "A. First")
                        .param("subjects[1].name", "B. Second")
                        .param("priorProceedings[0].subject", "1")
                        .param("priorProceedings[1].subject", "0")
                        .param("edit", "remove:subjects[0]"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(selected(page, "priorProceedings[0].subject")).isEqualTo("0");
        assertThat(selected(page, "priorProceedings[1].subject")).isEmpty();
        assertThat(page).contains("id=\"priorProceedings[1].subject-error\"");
    }

    @Test
    void focusGoesToTheAddedRowAndAfterRemovingToTheAddButton() throws Exception {
        var id = draft();
        var offence = page(step(id, "offence")
                .param("offences[0].domesticProvision", "s. 1")
                .param("edit", "add:offences"));
        assertThat(focused(offence))
                .contains("id=\"offences[1].domesticProvision\"")
                .startsWith("<input");

        var offenceRemoved = page(step(id, "offence")
                .param("offences[0].domesticProvision", "s. 1")
                .param("offences[1].domesticProvision", "s. 2")
                .param("edit", "remove:offences[0]"));
        assertThat(focused(offenceRemoved)).startsWith("<button").contains("value=\"add:offences\"");

        var subject = page(step(id, "subjects")
                .param("subjects[0].name", "A. First")
                .param("subjects[0].identifiers[0].value", "203.0.113.7")
                .param("edit", "add:subjects"));
        assertThat(focused(subject)).startsWith("<select").contains("id=\"subjects[1].role\"");

        var identifier = page(step(id, "subjects")
                .param("subjects[0].name", "A. First")
                .param("subjects[0].identifiers[0].value", "203.0.113.7")
                .param("subjects[1].name", "B. Second")
                .param("subjects[1].identifiers[0].value", "198.51.100.1")
                .param("edit", "add:subjects[1].identifiers"));
        assertThat(focused(identifier)).startsWith("<select").contains("id=\"subjects[1].identifiers[1].type\"");

        var identifierRemoved = page(step(id, "subjects")
                .param("subjects[0].name", "A. First")
                .param("subjects[1].name", "B. Second")
                .param("subjects[1].identifiers[0].value", "198.51.100.1")
                .param("subjects[1].identifiers[1].value", "198.51.100.2")
                .param("edit", "remove:subjects[1].identifiers[0]"));
        assertThat(focused(identifierRemoved)).contains("value=\"add:subjects[1].identifiers\"");

        var subjectRemoved = page(step(id, "subjects")
                .param("subjects[0].name", "A. First")
                .param("subjects[1].name", "B. Second")
                .param("edit", "remove:subjects[0]"));
        assertThat(focused(subjectRemoved)).contains("value=\"add:subjects\"");

        var prior = page(step(id, "subjects")
                .param("subjects[0].name", "A. First")
                .param("priorProceedings[0].state", "XC")
                .param("edit", "add:priorProceedings"));
        assertThat(focused(prior)).startsWith("<select").contains("id=\"priorProceedings[1].state\"");

        var priorRemoved = page(step(id, "subjects")
                .param("priorProceedings[0].state", "XC")
                .param("priorProceedings[1].state", "XD")
                .param("edit", "remove:priorProceedings[1]"));
        assertThat(focused(priorRemoved)).contains("value=\"add:priorProceedings\"");

        // A proceeding left without its subject: focus on the field to fix, where its message is.
        var orphaned = page(step(id, "subjects")
                .param("subjects[0].name", "A. First")
                .param("subjects[1].name", "B. Second")
                .param("priorProceedings[0].subject", "0")
                .param("edit", "remove:subjects[0]"));
        assertThat(focused(orphaned)).startsWith("<select").contains("id=\"priorProceedings[0].subject\"");

        // Opening a step puts focus nowhere special.
        var opened = mvc.perform(get("/requests/" + id + "/draft/subjects").with(caseworker()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(opened).doesNotContain("autofocus");
    }

    @Test
    void focusOnAFullListGoesToItsMessage() throws Exception {
        var id = draft();
        var request = step(id, "offence").param("edit", "add:offences");
        for (int i = 0; i < OffenceForm.MAX_OFFENCES; i++) {
            request.param("offences[" + i + "].domesticProvision", "s. " + i);
        }
        assertThat(focused(page(request))).startsWith("<div").contains("id=\"offences\"");
    }

    @Test
    void focusGoesToTheAddedRowOnTheRegistrationForm() throws Exception {
        var page = mvc.perform(post("/requests/incoming")
                        .with(caseworker())
                        .with(csrf())
                        .param("kind", "STORED_DATA")
                        .param("subjects[0].name", "A. First")
                        .param("subjects[0].identifiers[0].value", "203.0.113.7")
                        .param("edit", "add:subjects[0].identifiers"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(focused(page)).contains("id=\"subjects[0].identifiers[1].type\"");
    }

    @Test
    void aFullListTakesNoMoreRows() throws Exception {
        var id = draft();
        var request = step(id, "offence").param("edit", "add:offences");
        for (int i = 0; i < OffenceForm.MAX_OFFENCES; i++) {
            request.param("offences[" + i + "].domesticProvision", "s. " + i);
        }
        var page = page(request);
        assertThat(page)
                .contains("id=\"offences-error\"")
                .contains("This list is full")
                .doesNotContain("name=\"offences[20].domesticProvision\"")
                .doesNotContain(">Add another offence<");
    }

    @Test
    void problemsOfTheSecondOffenceLandOnItsRow() throws Exception {
        var id = draft();
        // Unreadable input on the second row: reported on that row's input, nothing saved.
        var unreadable = page(step(id, "offence")
                .param("offences[0].domesticProvision", "s. 1")
                .param("offences[0].conductCategories", "illegal-access")
                .param("offences[0].maximumPenaltyMonths", "60")
                .param("offences[1].domesticProvision", "s. 2")
                .param("offences[1].maximumPenaltyMonths", "five years"));
        assertThat(unreadable)
                .contains("id=\"offences[1].maximumPenaltyMonths-error\"")
                .doesNotContain("id=\"offences[0].maximumPenaltyMonths-error\"");

        // Casework's rules count the offences of the content; a blank row on screen does not shift them.
        var incomplete = page(step(id, "offence")
                .param("offences[0].domesticProvision", "")
                .param("offences[0].maximumPenaltyMonths", "")
                .param("offences[1].domesticProvision", "s. 1")
                .param("offences[1].conductCategories", "illegal-access")
                .param("offences[1].maximumPenaltyMonths", "60")
                .param("offences[2].domesticProvision", "s. 2")
                .param("offences[2].maximumPenaltyMonths", "24"));
        assertThat(incomplete)
                .contains("id=\"offences[2].conductCategories-error\"")
                .doesNotContain("id=\"offences[1].conductCategories-error\"");
        assertThat(stored(id).at("/content/offences").size()).isEqualTo(2);
    }

    @Test
    void conductIsPickedFromTheVocabularyAndStored() throws Exception {
        var id = draft();
        var form = mvc.perform(get("/requests/" + id + "/draft/offence").with(caseworker()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(form)
                .contains("type=\"checkbox\" name=\"offences[0].conductCategories\" value=\"illegal-access\"")
                .contains(">Illegal access<")
                .contains("Offences defined by the UN Convention");
        assertThat(form.indexOf("value=\"illegal-access\""))
                .isLessThan(form.indexOf("value=\"child-sexual-abuse-material\""));
        assertThat(form.indexOf("value=\"laundering\"")).isLessThan(form.indexOf("value=\"fraud\""));
        // Registering an incoming request offers the same vocabulary.
        assertThat(mvc.perform(get("/requests/incoming/new").with(caseworker()))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("type=\"checkbox\" name=\"offences[0].conductCategories\" value=\"illegal-access\"")
                .contains("value=\"sogi-propaganda\"");

        mvc.perform(step(id, "offence")
                        .param("offences[0].domesticProvision", "Penal Code s. 301")
                        .param("offences[0].conductCategories", "ict-theft-or-fraud", "laundering")
                        .param("offences[0].maximumPenaltyMonths", "96")
                        .param("summaryOfFacts", "Fraud.")
                        .param("purpose", "Prosecution."))
                .andExpect(status().is3xxRedirection());
        var offence = stored(id).at("/content/offences/0");
        assertThat(offence.get("conductCategories").toString())
                .contains("ict-theft-or-fraud")
                .contains("laundering");
        assertThat(offence.get("maximumPenaltyMonths").asInt()).isEqualTo(96);
    }

    @Test
    void theSafeguardsItemsAreStoredAndAJournalistIsFoundOnReview() throws Exception {
        var id = draft();
        mvc.perform(step(id, "offence")
                        .param("offences[0].domesticProvision", "Penal Code s. 301")
                        .param("offences[0].conductCategories", "ict-theft-or-fraud")
                        .param("offences[0].maximumPenaltyMonths", "96")
                        .param("summaryOfFacts", "Fraud.")
                        .param("purpose", "Prosecution.")
                        .param("deathPenaltyAssurances", "true")
                        .param("matters", "FISCAL", "BANK_SECRECY"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(step(id, "subjects")
                        .param("subjects[0].role", "SUSPECT")
                        .param("subjects[0].name", "A. Writer")
                        .param("subjects[0].identifiers[0].type", "EMAIL")
                        .param("subjects[0].identifiers[0].value", "writer@example.org")
                        .param("subjects[0].protectedRoles", "JOURNALIST")
                        .param("subjects[0].characteristics", "POLITICAL_OPINION", "RELIGION")
                        .param("subjects[1].role", "ACCOUNT_HOLDER")
                        .param("subjects[1].identifiers[0].type", "ACCOUNT")
                        .param("subjects[1].identifiers[0].value", "op-1")
                        .param("subjects[1].identifiers[1].type", "ACCOUNT")
                        .param("subjects[1].identifiers[1].value", "op-2")
                        .param("subjects[1].authorisedTesting", "true")
                        .param("dataCategories", "SUBSCRIBER")
                        .param("allData", "true")
                        .param("unidentifiedAccounts", "true")
                        .param("dataFrom", "2026-01-01")
                        .param("dataTo", "2026-01-31")
                        .param("provider", "Example Mail")
                        .param("priorProceedings[0].state", "XC")
                        .param("priorProceedings[0].subject", "1")
                        .param("priorProceedings[0].conduct", "ict-theft-or-fraud")
                        .param("priorProceedings[0].outcome", "ACQUITTED")
                        .param("priorProceedings[0].reference", "XC-2025-17"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(step(id, "conditions")
                        .param("urgency", "NORMAL")
                        .param("authorisingBody", "Investigating judge")
                        .param("judicialOrIndependent", "true")
                        .param("legalGrounds", "CCP art. 12")
                        .param("proportionality", "One month of subscriber data.")
                        .param("durationDays", "30")
                        .param("compelled", "DISCLOSE_KEYS")
                        .param("onwardTransferTo", "XC, xd")
                        .param("speciality", "true"))
                .andExpect(status().is3xxRedirection());

        var content = stored(id).get("content");
        assertThat(content.get("deathPenaltyAssurances").asBoolean()).isTrue();
        assertThat(content.get("matters").toString()).contains("FISCAL").contains("BANK_SECRECY");
        var subjects = content.get("subjects");
        assertThat(subjects.size()).isEqualTo(2);
        assertThat(subjects.get(0).get("protectedRoles").toString()).contains("JOURNALIST");
        assertThat(subjects.get(0).get("characteristics").toString())
                .contains("POLITICAL_OPINION")
                .contains("RELIGION");
        assertThat(subjects.get(0).get("authorisedTesting").asBoolean()).isFalse();
        assertThat(subjects.get(1).get("authorisedTesting").asBoolean()).isTrue();
        assertThat(subjects.get(1).get("identifiers").size()).isEqualTo(2);
        assertThat(content.at("/dataSought/allData").asBoolean()).isTrue();
        assertThat(content.at("/dataSought/unidentifiedAccounts").asBoolean()).isTrue();
        var prior = content.at("/priorProceedings/0");
        assertThat(prior.get("state").asString()).isEqualTo("XC");
        assertThat(prior.get("subject").asInt()).isEqualTo(1);
        assertThat(prior.get("outcome").asString()).isEqualTo("ACQUITTED");
        assertThat(prior.get("conduct").toString()).contains("ict-theft-or-fraud");
        assertThat(prior.get("reference").asString()).isEqualTo("XC-2025-17");
        assertThat(content.get("compelled").toString()).contains("DISCLOSE_KEYS");
        assertThat(content.at("/conditions/onwardTransferTo").toString()).isEqualTo("[\"XC\",\"XD\"]");

        // The form shows them back, and the review shows the safeguards finding about the journalist.
        var subjectsStep = mvc.perform(
                        get("/requests/" + id + "/draft/subjects").with(caseworker()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(subjectsStep)
                .containsPattern("name=\"subjects\\[0\\]\\.protectedRoles\" value=\"JOURNALIST\"[^>]*checked")
                .containsPattern("<option value=\"ict-theft-or-fraud\"\\s+selected")
                .contains("never published");
        assertThat(subjectsStep.indexOf("<option value=\"laundering\""))
                .isLessThan(subjectsStep.indexOf("<option value=\"fraud\""));
        var review = mvc.perform(get("/requests/" + id + "/draft/review").with(caseworker()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        // The finding names its rule; the field path stays in its data, never in the sentence a reviewer reads.
        assertThat(review).contains("protected-role").doesNotContain("subjects[0].protectedRoles");
        assertThat(review)
                .contains("Journalist")
                .contains("never a ground for refusal")
                .contains("XC-2025-17");

        // Onward-transfer States are picked from the registry, several in one select, not typed as codes.
        var conditionsStep = mvc.perform(
                        get("/requests/" + id + "/draft/conditions").with(caseworker()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(conditionsStep)
                .containsPattern("<select id=\"onwardTransferTo\" name=\"onwardTransferTo\" multiple")
                .containsPattern("<option value=\"XC\"[^>]*selected")
                .containsPattern("<option value=\"XD\"[^>]*selected")
                .doesNotContain("name=\"onwardTransferTo\" type=\"text\"");
        mvc.perform(step(id, "conditions")
                        .param("urgency", "NORMAL")
                        .param("authorisingBody", "Investigating judge")
                        .param("judicialOrIndependent", "true")
                        .param("legalGrounds", "CCP art. 12")
                        .param("proportionality", "One month of subscriber data.")
                        .param("durationDays", "30")
                        .param("speciality", "true")
                        .param("onwardTransferTo", "XD")
                        .param("onwardTransferTo", "XC")
                        .param("onwardTransferTo", "XD"))
                .andExpect(status().is3xxRedirection());
        assertThat(stored(id).get("content").at("/conditions/onwardTransferTo").toString())
                .isEqualTo("[\"XD\",\"XC\"]");
    }

    @Test
    void anIncomingRequestTakesSeveralOffencesAndSubjects() throws Exception {
        var added = mvc.perform(post("/requests/incoming")
                        .with(caseworker())
                        .with(csrf())
                        .param("kind", "STORED_DATA")
                        .param("requestingState", "XB")
                        .param("offences[0].domesticProvision", "s. 1")
                        .param("edit", "add:offences"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(added).contains("name=\"offences[1].domesticProvision\"").contains("value=\"s. 1\"");

        var response = mvc.perform(post("/requests/incoming")
                        .with(caseworker())
                        .with(csrf())
                        .param("kind", "STORED_DATA")
                        .param("requestingName", "Prosecutor General of Xebia")
                        .param("requestingState", "XB")
                        .param("requestedName", "Central Authority of Xanadu")
                        .param("requestedState", "XA")
                        .param("offences[0].domesticProvision", "s. 1")
                        .param("offences[0].conductCategories", "defamation")
                        .param("offences[1].domesticProvision", "s. 2")
                        .param("offences[1].conductCategories", "false-information")
                        .param("subjects[0].name", "A. Writer")
                        .param("subjects[0].protectedRoles", "JOURNALIST")
                        .param("subjects[1].name", "B. Editor"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse();
        var id = response.getRedirectedUrl().substring("/requests/".length());
        var content = stored(id).get("content");
        assertThat(content.get("offences").size()).isEqualTo(2);
        assertThat(content.get("subjects").size()).isEqualTo(2);
        assertThat(content.at("/subjects/0/protectedRoles").toString()).contains("JOURNALIST");
    }

    /** A draft from XA to XB with its parties step done; returns its id. */
    private String draft() throws Exception {
        var location = mvc.perform(post("/requests/new")
                        .with(caseworker())
                        .with(csrf())
                        .param("kind", "STORED_DATA")
                        .param("requestingName", "Central Authority of Xanadu")
                        .param("requestingState", "XA")
                        .param("requestedName", "Ministry of Justice of Xebia")
                        .param("requestedState", "XB")
                        .param("legalBasis", "UNCC"))
                .andExpect(status().is3xxRedirection())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(location).endsWith("/draft/offence");
        return location.split("/")[2];
    }

    private MockHttpServletRequestBuilder step(String id, String step) throws Exception {
        return post("/requests/" + id + "/draft/" + step)
                .with(caseworker())
                .with(csrf())
                .accept(MediaType.TEXT_HTML)
                .param("version", Long.toString(stored(id).get("version").asLong()));
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** The start tag of the one element with autofocus; fails unless exactly one has it. */
    private static String focused(String page) {
        var attribute = java.util.regex.Pattern.compile("\\sautofocus(=\"[^\"]*\")?[\\s>]");
        var m = attribute.matcher(page);
        assertThat(m.find()).as("an element with autofocus").isTrue();
        int at = m.start();
        assertThat(m.find()).as("a second element with autofocus").isFalse();
        return page.substring(page.lastIndexOf('<', at), page.indexOf('>', at) + 1);
    }

    /** The select with this id, from its start tag to its end tag. */
    private static String select(String page, String id) {
        int start = page.indexOf("<select id=\"" + id + "\"");
        assertThat(start).as("select " + id).isNotNegative();
        return page.substring(start, page.indexOf("</select>", start));
    }

    /** The value of the option selected in a select, or "" when none is. */
    private static String selected(String page, String id) {
        var m = java.util.regex.Pattern.compile("<option value=\"([^\"]*)\" selected=\"selected\"")
                .matcher(select(page, id));
        return m.find() ? m.group(1) : "";
    }

    private static String selectedText(String page, String id) {
        var m = java.util.regex.Pattern.compile("selected=\"selected\">([^<]*)<")
                .matcher(select(page, id));
        return m.find() ? m.group(1) : "";
    }

    private JsonNode stored(String id) throws Exception {
        var body = mvc.perform(get("/api/requests/" + id)
                        .with(httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD)))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonMapper.builder().build().readTree(body);
    }
}
