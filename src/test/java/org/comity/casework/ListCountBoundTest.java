package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.comity.accounts.Accounts;
import org.comity.accounts.Role;
import org.comity.testing.FictionalUncc;
import org.comity.testing.NodeTest;
import org.comity.testing.TestAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Lists count their matches only up to a bound (here 3, by default 1 000) or the page asked for:
 * past it the total is a lower bound, said as "more than", and paging goes on.
 */
@NodeTest
@TestPropertySource(
        properties = {
            "comity.casework.watch-enabled=false",
            "comity.casework.list-count-bound=3",
            FictionalUncc.PROPERTY
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListCountBoundTest {

    /** More than a console page (25), so the console's first page is past the bound too. */
    static final int DRAFTS = 27;

    @Autowired
    MockMvc mvc;

    @Autowired
    Accounts accounts;

    @BeforeAll
    void drafts() throws Exception {
        TestAccounts.createOnePerRole(accounts);
        for (int i = 0; i < DRAFTS; i++) {
            mvc.perform(post("/api/requests")
                            .with(caseworker())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"kind\": \"STORED_DATA\", \"content\": {\"summaryOfFacts\": \"Draft " + i
                                    + "\"}}"))
                    .andExpect(status().isCreated());
        }
    }

    @Test
    void pastTheBoundTheTotalIsALowerBound() throws Exception {
        mvc.perform(get("/api/requests?size=2").with(caseworker()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.totalExact").value(false))
                .andExpect(jsonPath("$.items.length()").value(2));
        // A page beyond the bound is counted up to itself, so it is reachable and says what it holds.
        mvc.perform(get("/api/requests?size=10&page=2").with(caseworker()))
                .andExpect(jsonPath("$.items.length()").value(7))
                .andExpect(jsonPath("$.total").value(27))
                .andExpect(jsonPath("$.totalExact").value(true));
        // Within the bound the count is exact.
        mvc.perform(get("/api/requests?direction=INCOMING").with(caseworker()))
                .andExpect(jsonPath("$.total").value(0))
                .andExpect(jsonPath("$.totalExact").value(true));
    }

    @Test
    void aTextSearchFindsTheSameWhetherItsMatchesAreFewOrMany() throws Exception {
        // Few matches (within the bound) are fetched through the text index and sorted afterwards.
        for (var sort : java.util.List.of("CREATED", "UPDATED", "DUE")) {
            mvc.perform(get("/api/requests")
                            .param("q", "draft 13")
                            .param("sort", sort)
                            .param("descending", "true")
                            .with(caseworker()))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(1))
                    .andExpect(jsonPath("$.totalExact").value(true))
                    .andExpect(jsonPath("$.items[0].content.summaryOfFacts").value("Draft 13"));
        }
        // Many (past the bound) are read in date order: the newest draft first, descending.
        mvc.perform(get("/api/requests?q=draft&sort=CREATED&descending=true&size=2")
                        .with(caseworker()))
                .andExpect(jsonPath("$.totalExact").value(false))
                .andExpect(jsonPath("$.items[0].content.summaryOfFacts").value("Draft " + (DRAFTS - 1)));
    }

    @Test
    void theListPageSaysMoreThanAndOffersTheNextPage() throws Exception {
        var page = mvc.perform(get("/requests")
                        .with(user(TestAccounts.username(Role.CASEWORKER)).roles("CASEWORKER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("More than 25 requests")
                .contains("rel=\"next\"")
                .contains("Page 1<");
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor caseworker() {
        return httpBasic(TestAccounts.username(Role.CASEWORKER), TestAccounts.PASSWORD);
    }
}
