package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.comity.safeguards.policy.CitationFile;
import org.comity.treaty.Certainty;
import org.comity.treaty.Citation;
import org.comity.treaty.KindOfAssistance;
import org.junit.jupiter.api.Test;

/**
 * The articles the legal review of the catalogue found mis-cited: each key now names the paragraph that
 * carries the rule, not the article as a whole or a neighbouring paragraph.
 */
class CitationKeysTest {

    private static List<String> cited(String key) {
        return Kit.CITATIONS.of(key).stream().map(Citation::text).toList();
    }

    @Test
    void seriousCrimeIsTheDefinitionInArticleTwoH() {
        assertThat(cited("serious-crime")).containsExactly("UNCC Art 2(h)");
    }

    @Test
    void dualCriminalityIsDeemedFulfilledUnderArticleThirtyFiveThree() {
        assertThat(cited("dual-criminality")).contains("UNCC Art 35(3)").doesNotContain("UNCC Art 35(2)");
        assertThat(cited("dual-criminality-extradition")).containsExactly("UNCC Art 37(1)", "UNCC Art 35(3)");
    }

    @Test
    void extraditionCitesItsOwnParagraphsNotTheWholeArticle() {
        assertThat(cited("persecution-extradition")).containsExactly("UNCC Art 37(15)");
        assertThat(cited("fiscal-extradition")).containsExactly("UNCC Art 37(16)");
        assertThat(cited("death-penalty-extradition")).containsExactly("UNCC Art 37(8)");
        assertThat(cited("scope-extradition")).containsExactly("UNCC Art 37(1)");
        // Only a reservation that excludes extradition altogether (measure.*) names the article as a whole.
        Kit.CITATIONS.all().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("measure."))
                .forEach(e -> assertThat(e.getValue())
                        .as(e.getKey())
                        .noneMatch(c -> c.instrument().equals("UNCC")
                                && c.article().equals("37")
                                && c.paragraph().isEmpty()));
    }

    @Test
    void budapestReservationsAndCompelledAssistanceCiteTheirArticles() {
        assertThat(cited("reservation-real-time@ETS185")).contains("ETS185 Art 14(3)");
        assertThat(cited("compelled-assistance@ETS185")).contains("ETS185 Art 19(4)");
        assertThat(Kit.CITATIONS.of("compelled-assistance@ETS185"))
                .filteredOn(c -> c.article().equals("19"))
                .extracting(Citation::certainty)
                .containsOnly(Certainty.C);
    }

    @Test
    void articleTwentySevenFourIsARefusalGroundNotARequestContent() {
        assertThat(cited("request-contents@ETS185")).doesNotContain("ETS185 Art 27(4)");
        assertThat(cited("political-offence@ETS185")).contains("ETS185 Art 27(4)(a)");
    }

    @Test
    void articlesFourteenAndFifteenCarryTheirOfficialHeadings() {
        assertThat(Kit.CATALOGUE.cite("UNCC", "14", java.util.Optional.empty()).heading())
                .isEqualTo("Offences related to online child sexual abuse or child sexual exploitation material");
        assertThat(Kit.CATALOGUE.cite("UNCC", "15", java.util.Optional.empty()).heading())
                .isEqualTo("Solicitation or grooming for the purpose of committing a sexual offence against a child");
    }

    @Test
    void everyKindOfAssistanceHasItsArticlesAndAMissingOneStopsTheNode() {
        assertThat(CitationFile.kindsCited(Kit.CITATIONS)).isEmpty();
        assertThat(cited(KindOfAssistance.SPONTANEOUS_INFORMATION.citationKey()))
                .containsExactly("UNCC Art 40(4)", "ETS185 Art 26");
        var without = new java.util.LinkedHashMap<>(Kit.CITATIONS.all());
        without.remove(KindOfAssistance.INTERCEPTION.citationKey());
        assertThat(CitationFile.kindsCited(new org.comity.safeguards.domain.Citations(without)))
                .containsExactly("measure.interception: every kind of assistance needs its articles");
    }
}
