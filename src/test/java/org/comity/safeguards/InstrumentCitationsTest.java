package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.Citations;
import org.comity.treaty.Citation;
import org.comity.treaty.DataCategory;
import org.junit.jupiter.api.Test;

/** Findings cite the instrument the request rests on, never the UN Convention for a Budapest request. */
class InstrumentCitationsTest {

    @Test
    void aBudapestRequestCitesTheBudapestConvention() {
        var scenario = scenario("56-budapest-no-speciality.yaml");
        var findings = Assessor.standard()
                .assess(Kit.context(scenario.input(), scenario.legalBasis()))
                .findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("data-protection");
            assertThat(f.citations()).extracting(Citation::instrument).containsOnly("ETS185");
            assertThat(f.citations())
                    .extracting(c -> c.article() + "/" + c.paragraph().orElse(""))
                    .contains("28/2(b)");
        });
    }

    @Test
    void theSameFindingUnderTheUnConventionCitesIt() {
        var scenario = scenario("40-no-speciality.yaml");
        var findings = Assessor.standard()
                .assess(Kit.context(scenario.input(), scenario.legalBasis()))
                .findings();
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("data-protection"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.NOTE);
                    assertThat(f.citations()).extracting(Citation::instrument).containsOnly("UNCC");
                });
    }

    @Test
    void aPolicyPackRuleOnABudapestRequestCitesTheBudapestConvention() {
        // Scenario 54 (Budapest, two-year maximum) asking for content data: XB's pack bars content data
        // for offences below eight years, citing the key `proportionality`.
        var scenario = scenario("54-budapest-two-year-maximum.yaml");
        var input = scenario.input();
        var data = new AssessmentInput.DataSought(
                java.util.Set.of(DataCategory.CONTENT),
                input.data().from(),
                input.data().to(),
                false,
                false);
        var withContent = input.withData(data);
        var findings = Assessor.standard()
                .assess(Kit.context(withContent, scenario.legalBasis()))
                .findings();
        assertThat(findings)
                .filteredOn(f -> f.rule().equals("pack:content-only-for-grave-offences"))
                .singleElement()
                .satisfies(f -> assertThat(f.citations())
                        .extracting(Citation::instrument)
                        .containsOnly("ETS185"));
    }

    @Test
    void aVariantFallsBackToItsKeyAndNeedsIt() {
        var uncc = Kit.CATALOGUE.cite("UNCC", "40", java.util.Optional.of("19"));
        var ets = Kit.CATALOGUE.cite("ETS185", "28", java.util.Optional.of("2(b)"));
        var citations = new Citations(Map.of("speciality", List.of(uncc), "speciality@ETS185", List.of(ets)));
        assertThat(citations.forInstrument("ETS185", List.of("speciality"))).containsExactly(ets);
        assertThat(citations.forInstrument("UNCC", List.of("speciality"))).containsExactly(uncc);
        assertThat(citations.forInstrument("MLAT-TEMPLATE", List.of("speciality")))
                .containsExactly(uncc);
        assertThatThrownBy(() -> new Citations(Map.of("speciality@ETS185", List.of(ets))))
                .hasMessageContaining("varies a key the file lacks");
    }

    private static Scenarios.Scenario scenario(String file) {
        return Scenarios.all().stream()
                .filter(s -> s.file().equals(file))
                .findFirst()
                .orElseThrow();
    }
}
