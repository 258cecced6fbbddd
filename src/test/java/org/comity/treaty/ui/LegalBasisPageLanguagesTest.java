package org.comity.treaty.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.comity.testing.NodeTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The console's legal-basis answer gives its reasons in the page's language, States by the registry's name. */
@NodeTest
class LegalBasisPageLanguagesTest {

    @Autowired
    MockMvc mvc;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "en|France (FR): ratification deposited on 2006-01-10|ratification déposée",
                "fr|France (FR) : ratification déposée le 10 janvier 2006|deposited on",
                "ar|أُودع صك|deposited on"
            })
    void reasonsAreInThePageLanguage(String language, String shown, String absent) throws Exception {
        var page = mvc.perform(get("/treaties/legal-basis")
                        .param("a", "FR")
                        .param("b", "DE")
                        .param("date", "2026-01-01")
                        .param("lang", language)
                        .with(user("test-admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(shown).doesNotContain(absent);
    }
}
