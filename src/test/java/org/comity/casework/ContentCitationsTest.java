package org.comity.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.comity.safeguards.Kit;
import org.comity.shared.Violation;
import org.junit.jupiter.api.Test;

/** Each content rule cites the article it rests on, and a rule of Comity's own practice says so. */
class ContentCitationsTest {

    private final ContentCitations citations = new ContentCitations(Kit.CATALOGUE::cite);

    private String citationOf(String rule) {
        return citations
                .cite(List.of(new Violation("content.x", rule, "a problem")))
                .getFirst()
                .citation();
    }

    @Test
    void theMaximumPenaltyRestsOnTheSeriousCrimeDefinitionAndTheScopeOfCooperation() {
        assertThat(citationOf("maximum-penalty")).startsWith("UNCC Art 2(h) [").contains("; UNCC Art 35(1)(c) [");
    }

    @Test
    void anImminentRiskIsWhatTheDefinitionOfEmergencyRequires() {
        assertThat(citationOf("imminent-risk-required")).startsWith("UNCC Art 2(o) [");
        assertThat(citationOf("emergency-level-required")).startsWith("UNCC Art 41 [");
    }

    @Test
    void theEndOfConfidentialityIsComitysPracticeNotAnArticle() {
        assertThat(citationOf("confidentiality-end-date"))
                .isEqualTo(ContentCitations.PRACTICE)
                .doesNotContain("Art");
    }

    @Test
    void aProblemWithoutACitedRuleStaysUncited() {
        assertThat(citationOf("no-such-rule")).isNull();
    }
}
