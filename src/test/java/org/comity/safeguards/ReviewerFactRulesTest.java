package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.comity.safeguards.domain.Assessor;
import org.comity.shared.InvalidInput;
import org.comity.treaty.Citation;
import org.junit.jupiter.api.Test;

/**
 * The rules reading the reviewer's facts (issue 12, class 6), one at a time, on variants of the corpus
 * scenarios 89-103: what changes a severity or a source, and what must stay silent.
 */
class ReviewerFactRulesTest {

    private static final Assessor ASSESSOR = Assessor.standard();

    private static Scenarios.Scenario variant(String file, String from, String to) {
        var text = Kit.resource("safeguards/scenarios/" + file);
        assertThat(text).contains(from);
        return Scenarios.read("variant-" + file, text.replace(from, to));
    }

    private static List<Finding> ofRule(Scenarios.Scenario s, String rule) {
        return ASSESSOR.assess(Kit.context(s.input(), s.legalBasis())).findings().stream()
                .filter(f -> f.rule().equals(rule))
                .toList();
    }

    @Test
    void oneAdministrativeOffenceBesideACriminalOneIsAConcernNotABar() {
        var s = variant(
                "93-reviewer-administrative-offence.yaml",
                "  subjects:\n",
                "  - provision: Penal Law § 7\n    conduct:\n    - ict-theft-or-fraud\n    maximumPenaltyMonths: 60\n"
                        + "  subjects:\n");
        assertThat(ofRule(s, "criminal-nature")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CONCERN);
            assertThat(f.source()).isEqualTo(new FindingSource.Treaty("UNCC", "scope-evidence"));
            assertThat(f.explanation())
                    .contains("Penal Law § 6")
                    .doesNotContain("Penal Law § 7")
                    .doesNotContain("{");
        });
    }

    @Test
    void extraditionForAnAdministrativeOffenceCitesTheExtraditionScope() {
        var s = variant("93-reviewer-administrative-offence.yaml", "measure: STORED_DATA", "measure: EXTRADITION");
        assertThat(ofRule(s, "criminal-nature")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.BAR);
            assertThat(f.source()).isEqualTo(new FindingSource.Treaty("UNCC", "scope-extradition"));
        });
    }

    @Test
    void anAsylumSeekerIsAConcernForEvidenceAndAGroundOfHumanRightsLawForExtradition() {
        var evidence = variant("95-reviewer-refugee-suspect.yaml", "protection: REFUGEE", "protection: ASYLUM_SEEKER");
        assertThat(ofRule(evidence, "protection-status")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CONCERN);
            assertThat(f.source()).isEqualTo(Context_ADVISORY);
            // Never the Convention's persecution clause: its list is not what a refugee status rests on.
            assertThat(f.citations()).extracting(Citation::text).doesNotContain("UNCC Art 40(22)");
        });
        var extradition =
                variant("97-reviewer-refugee-extradition.yaml", "protection: REFUGEE", "protection: ASYLUM_SEEKER");
        assertThat(ofRule(extradition, "protection-status")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.GROUND);
            assertThat(f.source()).isEqualTo(new FindingSource.HumanRightsLaw("CSR51", "non-refoulement"));
            assertThat(f.citations()).extracting(Citation::text).containsExactly("CSR51 Art 33(1)", "CAT Art 3(1)");
        });
    }

    private static final FindingSource Context_ADVISORY = new FindingSource.AdvisoryPractice();

    @Test
    void aRelativeWhoIsTheSuspectIsNoFinding() {
        var s = variant("99-reviewer-family-witness.yaml", "    - subject: 1\n", "    - subject: 0\n");
        assertThat(ofRule(s, "family-of-suspect")).isEmpty();
    }

    @Test
    void aSecurityServiceRecipientOfInformationSentWithoutARequestIsNoFinding() {
        var s = variant(
                "100-reviewer-security-service-recipient.yaml",
                "measure: STORED_DATA",
                "measure: SPONTANEOUS_INFORMATION");
        assertThat(ofRule(s, "onward-recipient")).isEmpty();
        var police = variant(
                "100-reviewer-security-service-recipient.yaml", "SECURITY_OR_INTELLIGENCE_SERVICE", "LAW_ENFORCEMENT");
        assertThat(ofRule(police, "onward-recipient")).isEmpty();
    }

    @Test
    void earlierRequestsKnownFromOtherStatesCountWithoutAnIdentifier() {
        var s = variant(
                "102-reviewer-earlier-requests-elsewhere.yaml",
                "    identifiers:\n    - email:suspect@example.test\n",
                "    name: A. Person\n");
        assertThat(ofRule(s, "subject-targeted-repeatedly"))
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.CONCERN);
    }

    @Test
    void theDeathPenaltyTheReviewerKnowsOfIsTheRequestsMaximum() {
        var s = Scenarios.all().stream()
                .filter(x -> x.file().startsWith("91-"))
                .findFirst()
                .orElseThrow();
        var without = variant("91-reviewer-death-penalty-evidence.yaml", "deathPenalty: true", "deathPenalty: false");
        assertThat(ofRule(s, "death-penalty")).extracting(Finding::severity).containsExactly(Severity.BAR);
        assertThat(ofRule(without, "death-penalty")).isEmpty();
    }

    @Test
    void factsMustNameTheRequestsOffencesAndSubjectsAndStaleOnesAreDroppedOnRead() {
        var s = Scenarios.all().stream()
                .filter(x -> x.file().startsWith("95-"))
                .findFirst()
                .orElseThrow();
        var wrong = new ReviewerFacts(
                List.of(new ReviewerFacts.OffenceFacts(4, java.util.Set.of(), false, null)),
                List.of(new ReviewerFacts.SubjectFacts(2, ReviewerFacts.Protection.REFUGEE, false)),
                null,
                List.of());
        assertThatThrownBy(() -> s.input().withReviewer(wrong))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field())
                                .containsExactly("reviewer.offences[0].offence", "reviewer.subjects[0].subject"));
        assertThat(wrong.within(1, 1).isEmpty()).isTrue();
        assertThat(wrong.summary()).isEqualTo("offence 5: -; subject 3: refugee");
    }
}
