package org.comity.treaty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.comity.testing.NodeTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Reservations are append-only records, the articles catalogue is data that gets corrected. A record
 * whose article the catalogue no longer lists is shown as recorded and marked unverified, and legal-basis
 * answers keep working.
 */
@NodeTest
@TestPropertySource(properties = "comity.treaty.fictional-states=true")
class RecordedReservationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    Treaties treaties;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReservationWhoseArticleLeftTheCatalogueIsCitedAsRecordedAndAnswersStillWork() throws Exception {
        jdbc.sql("""
                        INSERT INTO treaty_reservation (instrument, party, article, kind, effect, source, as_of,
                                                        recorded_at, recorded_by)
                        VALUES ('ETS185', 'XA', '99', 'RESERVATION', 'preservation-requires-dual-criminality',
                                'fictional', DATE '2026-01-01', now(), 'test')
                        """).update();

        assertThat(treaties.reservations()).singleElement().satisfies(r -> {
            assertThat(r.article().text()).isEqualTo("ETS185 Art 99");
            assertThat(r.article().certainty()).isEqualTo(Certainty.V);
            assertThat(r.article().heading()).contains("no longer lists");
        });
        mvc.perform(get("/api/treaty/legal-basis").param("a", "XA").param("b", "XB"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.answer").exists());
    }
}
