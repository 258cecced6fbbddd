package org.comity.treaty.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.comity.shared.CountryCode;
import org.comity.testing.NodeTest;
import org.comity.treaty.ActionType;
import org.comity.treaty.Treaties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class TreatyActionPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Treaties treaties;

    static RequestPostProcessor admin() {
        return user("test-admin").roles("ADMIN");
    }

    @Test
    void onlyAdministratorsSeeThePage() throws Exception {
        mvc.perform(get("/admin/treaty-actions").with(user("test-caseworker").roles("CASEWORKER")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/admin/treaty-actions").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("UN Treaty Collection")));
    }

    @Test
    void aReportedActionIsRecordedAsReportedAndFlaggedInTheList() throws Exception {
        mvc.perform(post("/admin/treaty-actions")
                        .with(admin())
                        .with(csrf())
                        .param("instrument", "UNCC")
                        .param("party", "XD")
                        .param("action", "ratification")
                        .param("date", "unknown")
                        .param("source", "fictional press report")
                        .param("asOf", "2026-03-03")
                        .param("note", "")
                        .param("standing", "reported"))
                .andExpect(status().is3xxRedirection());
        assertThat(treaties.actions(Optional.of("UNCC"), Optional.of(new CountryCode("XD"))))
                .singleElement()
                .satisfies(a -> assertThat(a.standing()).isEqualTo(org.comity.treaty.Standing.REPORTED));
        mvc.perform(get("/admin/treaty-actions")
                        .param("instrument", "UNCC")
                        .param("party", "XD")
                        .with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("reported, not confirmed")));
        // Shipped: Azerbaijan's ratification is only reported (domestic law; deposit not confirmed).
        mvc.perform(get("/admin/treaty-actions")
                        .param("instrument", "UNCC")
                        .param("party", "AZ")
                        .with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("reported, not confirmed")));
    }

    @Test
    void theDepositarysConfirmationOfAReportedEventIsAddedNotRefusedAsADuplicate() throws Exception {
        for (String standing : java.util.List.of("reported", "confirmed")) {
            mvc.perform(post("/admin/treaty-actions")
                            .with(admin())
                            .with(csrf())
                            .param("instrument", "UNCC")
                            .param("party", "XE")
                            .param("action", "signature")
                            .param("date", "2026-03-02")
                            .param("source", "fictional source")
                            .param("asOf", "2026-03-03")
                            .param("note", "")
                            .param("standing", standing))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(flash().attribute("recorded", "UNCC XE signature"));
        }
        assertThat(treaties.actions(Optional.of("UNCC"), Optional.of(new CountryCode("XE"))))
                .extracting(a -> a.standing())
                .containsExactlyInAnyOrder(org.comity.treaty.Standing.REPORTED, org.comity.treaty.Standing.CONFIRMED);
        assertThat(treaties.inForce("UNCC", new CountryCode("XE"), Optional.empty())
                        .reasons())
                .anySatisfy(r -> assertThat(r.text()).contains("it signed on 2026-03-02"));
    }

    @Test
    void anActionIsRecordedWithItsSourceAndShownInTheList() throws Exception {
        mvc.perform(post("/admin/treaty-actions")
                        .with(admin())
                        .with(csrf())
                        .param("instrument", "UNCC")
                        .param("party", "XB")
                        .param("action", "ratification")
                        .param("date", "2026-03-02")
                        .param("source", "fictional depositary notification")
                        .param("asOf", "2026-03-03")
                        .param("note", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/treaty-actions?instrument=UNCC#main"))
                .andExpect(flash().attribute("recorded", "UNCC XB ratification"));
        assertThat(treaties.actions(Optional.of("UNCC"), Optional.of(new CountryCode("XB"))))
                .anySatisfy(a -> {
                    assertThat(a.type()).isEqualTo(ActionType.RATIFICATION);
                    assertThat(a.origin()).isEqualTo("test-admin (console)");
                });
        mvc.perform(get("/admin/treaty-actions")
                        .param("instrument", "UNCC")
                        .param("party", "XB")
                        .with(admin()))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("fictional depositary notification")));
    }

    @Test
    void problemsAreShownNextToTheirFieldsAndNothingIsStored() throws Exception {
        var before = treaties.actions(Optional.empty(), Optional.empty()).size();
        var page = mvc.perform(post("/admin/treaty-actions")
                        .with(admin())
                        .with(csrf())
                        .param("instrument", "UNCC")
                        .param("party", "XB")
                        .param("action", "ratified")
                        .param("date", "2026-13-40")
                        .param("source", "")
                        .param("asOf", ""))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("id=\"action-error\"")
                .contains("id=\"date-error\"")
                .contains("id=\"source-error\"")
                // The file format's as_of is the form's "As of" input.
                .contains("id=\"asOf-error\"")
                .contains("aria-invalid=\"true\"");
        assertThat(treaties.actions(Optional.empty(), Optional.empty())).hasSize(before);
    }

    @Test
    void aFileWithAnyProblemIsReportedByLineAndChangesNothing() throws Exception {
        var before = treaties.actions(Optional.empty(), Optional.empty()).size();
        var csv = """
                instrument,party,action,date,source,as_of,note
                UNCC,XB,signature,2026-01-05,fictional source,2026-01-06,
                UNCC,XB,ratify,2026-01-05,fictional source,2026-01-06,
                """;
        var page = mvc.perform(multipart("/admin/treaty-actions/import")
                        .file(new MockMultipartFile(
                                "file", "actions.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("actions.csv").contains("line 3");
        assertThat(treaties.actions(Optional.empty(), Optional.empty())).hasSize(before);

        var good = mvc.perform(multipart("/admin/treaty-actions/import")
                        .file(new MockMultipartFile(
                                "file",
                                "actions.csv",
                                "text/csv",
                                csv.lines()
                                        .limit(2)
                                        .reduce("", (a, b) -> a + b + "\n")
                                        .getBytes(StandardCharsets.UTF_8)))
                        .with(admin())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(good).contains("1 actions added, 0 already recorded");
        assertThat(treaties.actions(Optional.empty(), Optional.empty())).hasSize(before + 1);
    }

    @Test
    void theExportIsTheImportFormat() throws Exception {
        var csv = mvc.perform(get("/admin/treaty-actions/export.csv").with(admin()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(csv).startsWith("instrument,party,action,date,source,as_of,note");
    }

    @Test
    void aShippedRecordIsWithdrawnFromTheConsoleAndShownStruckWithWhoAndWhy() throws Exception {
        var albania = new CountryCode("AL");
        assertThat(treaties.inForce("ETS185", albania, Optional.of(java.time.LocalDate.parse("2026-01-01")))
                        .answer())
                .isEqualTo(org.comity.treaty.Answer.YES);
        mvc.perform(post("/admin/treaty-actions/withdrawals")
                        .with(user("test-caseworker").roles("CASEWORKER"))
                        .with(csrf())
                        .param("instrument", "ETS185")
                        .param("party", "AL")
                        .param("action", "ratification")
                        .param("date", "2002-06-20")
                        .param("reason", "wrong-date"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/treaty-actions/withdrawals")
                        .with(admin())
                        .with(csrf())
                        .param("id", "")
                        .param("instrument", "ETS185")
                        .param("party", "AL")
                        .param("action", "ratification")
                        .param("date", "2002-06-20")
                        .param("standing", "confirmed")
                        .param("reason", "wrong-date")
                        .param("note", "seen in the chart of 2026-05-01"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/treaty-actions?instrument=ETS185#main"))
                .andExpect(flash().attribute("withdrawn", "ETS185 AL ratification 2002-06-20"));
        assertThat(treaties.inForce("ETS185", albania, Optional.of(java.time.LocalDate.parse("2026-01-01")))
                        .answer())
                .isNotEqualTo(org.comity.treaty.Answer.YES);
        mvc.perform(get("/admin/treaty-actions")
                        .param("instrument", "ETS185")
                        .param("party", "AL")
                        .with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("<del>")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.containsString("Withdrawn (wrong date) by test-admin (console)")))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("seen in the chart"))));
        // Twice: refused, shown at the form.
        mvc.perform(post("/admin/treaty-actions/withdrawals")
                        .with(admin())
                        .with(csrf())
                        .param("instrument", "ETS185")
                        .param("party", "AL")
                        .param("action", "ratification")
                        .param("date", "2002-06-20")
                        .param("reason", "wrong-date"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("This record is already withdrawn.")));
    }

    @Test
    void aCorrectionWithABadNewRowShowsItsProblemsAndKeepsTheRecord() throws Exception {
        var party = new CountryCode("XQ");
        mvc.perform(post("/admin/treaty-actions")
                        .with(admin())
                        .with(csrf())
                        .param("instrument", "UNCC")
                        .param("party", "XQ")
                        .param("action", "ratification")
                        .param("date", "2026-03-02")
                        .param("source", "fictional depositary notification")
                        .param("asOf", "2026-03-03")
                        .param("note", ""))
                .andExpect(status().is3xxRedirection());
        long id = treaties.actions(Optional.of("UNCC"), Optional.of(party))
                .getFirst()
                .id()
                .orElseThrow();
        var correction = post("/admin/treaty-actions/withdrawals")
                .with(admin())
                .with(csrf())
                .param("id", String.valueOf(id))
                .param("reason", "wrong-type")
                .param("correct", "on")
                .param("newInstrument", "UNCC")
                .param("newParty", "XQ")
                .param("newAction", "accession")
                .param("newSource", "fictional depositary notification, corrected")
                .param("newAsOf", "2026-03-03");
        mvc.perform(correction.param("newDate", "2026-02-30"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"w-newDate-error\"")));
        assertThat(treaties.actions(Optional.of("UNCC"), Optional.of(party)))
                .singleElement()
                .satisfies(a -> assertThat(a.active()).isTrue());
        mvc.perform(post("/admin/treaty-actions/withdrawals")
                        .with(admin())
                        .with(csrf())
                        .param("id", String.valueOf(id))
                        .param("reason", "wrong-type")
                        .param("correct", "on")
                        .param("newInstrument", "UNCC")
                        .param("newParty", "XQ")
                        .param("newAction", "accession")
                        .param("newDate", "2026-03-02")
                        .param("newSource", "fictional depositary notification, corrected")
                        .param("newAsOf", "2026-03-03"))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute("corrected", "UNCC XQ ratification 2026-03-02"));
        assertThat(treaties.actions(Optional.of("UNCC"), Optional.of(party)))
                .extracting(a -> a.type() + " " + a.active())
                .containsExactlyInAnyOrder("RATIFICATION false", "ACCESSION true");
    }
}
