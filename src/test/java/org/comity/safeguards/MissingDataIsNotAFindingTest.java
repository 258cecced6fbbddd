package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.Coverage;
import org.comity.jurisdiction.MaxPenalty;
import org.comity.jurisdiction.Offence;
import org.comity.jurisdiction.Profile;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.Context;
import org.comity.shared.CountryCode;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, class 1: conduct a profile does not cover is unknown, a note asking the reviewer to confirm,
 * never a ground or a bar; an offence without conduct is a content problem. Fictional States only.
 */
class MissingDataIsNotAFindingTest {

    private static final Assessor ASSESSOR = Assessor.standard();

    private static Scenarios.Scenario scenario(String file) {
        return Scenarios.all().stream()
                .filter(s -> s.file().equals(file))
                .findFirst()
                .orElseThrow();
    }

    private static Assessment assess(Scenarios.Scenario s) {
        return ASSESSOR.assess(Kit.context(s.input(), s.legalBasis()));
    }

    private static List<Finding> ofRule(Assessment a, String rule) {
        return a.findings().stream().filter(f -> f.rule().equals(rule)).toList();
    }

    @Test
    void aThreatToKillBetweenStatesWhoseProfilesDoNotCoverThreatsGetsANoteNotAGround() {
        var assessment = assess(scenario("58-threat-to-kill-emergency.yaml"));
        assertThat(ofRule(assessment, "dual-criminality")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.explanation()).contains("is not known").doesNotContain("offences[");
            assertThat(f.resolution()).startsWith("Confirm");
        });
        assertThat(assessment.findings()).allMatch(f -> f.severity() == Severity.NOTE);
    }

    @Test
    void extraditionForConductTheRequestedProfileIsSilentOnIsNoDualCriminalityBar() {
        var assessment = assess(scenario("60-interception-extradition-to-qm.yaml"));
        assertThat(assessment.bars()).isEmpty();
        assertThat(ofRule(assessment, "dual-criminality"))
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.NOTE);
    }

    @Test
    void aPositiveStatementThatConductIsNotAnOffenceStillGivesTheGround() {
        var assessment = assess(scenario("61-consensual-same-sex-relations.yaml"));
        assertThat(ofRule(assessment, "dual-criminality")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.GROUND);
            assertThat(f.explanation())
                    .contains("Sexual relations between consenting adults of the same sex are not an offence in XB");
        });
    }

    @Test
    void anOffenceWithoutConductIsAContentProblemNotConductThatIsNotCriminal() {
        var assessment = assess(scenario("62-offence-without-conduct.yaml"));
        assertThat(ofRule(assessment, "dual-criminality")).isEmpty();
        assertThat(ofRule(assessment, "offence-within-scope")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CONCERN);
            assertThat(f.explanation()).contains("No conduct is stated for Criminal Code s. 99");
            assertThat(f.resolution()).startsWith("State the conduct");
        });
        assertThat(assessment.findings()).noneMatch(f -> f.explanation().contains("()"));
    }

    @Test
    void aRequestedStateWithoutAProfileIsANote() {
        var base = scenario("58-threat-to-kill-emergency.yaml");
        var text = Kit.resource("safeguards/scenarios/58-threat-to-kill-emergency.yaml")
                .replace("requested: QM", "requested: QZ");
        var toQz = Scenarios.read("58-to-qz.yaml", text);
        assertThat(base.input().requested()).isNotEqualTo(toQz.input().requested());
        assertThat(ofRule(assess(toQz), "dual-criminality")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.explanation()).contains("Comity has no profile of the law of QZ");
        });
    }

    /**
     * The requesting State's profile lists a two-year harassment offence but does not cover harassment
     * completely: whether it is a serious crime is unknown (a note), not "outside the scope" (a bar),
     * unless the profile covers harassment.
     */
    @Test
    void aMaximumReadOffAnIncompleteProfileIsOnlyALowerBound() {
        var text = Kit.resource("safeguards/scenarios/58-threat-to-kill-emergency.yaml")
                .replace("requesting: XB", "requesting: XC")
                .replace("measure: EMERGENCY_DISCLOSURE", "measure: STORED_DATA")
                .replace("    - threats\n    maximumPenaltyMonths: 60\n", "    - harassment\n");
        var s = Scenarios.read("harassment.yaml", text);
        var harassment = new ConductCode("harassment");
        var offence = new Offence(
                "Criminal Code s. 70", "Harassment", Set.of(harassment), MaxPenalty.months(24), Set.of(), "fictional");
        var listed = profile(List.of(), offence);
        var covered = profile(List.of(new Coverage(Set.of(harassment), "fictional", null)), offence);

        var partial = ASSESSOR.assess(context(s, listed));
        assertThat(ofRule(partial, "offence-within-scope")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.explanation()).contains("a more severe offence may apply");
        });
        var complete = ASSESSOR.assess(context(s, covered));
        assertThat(ofRule(complete, "offence-within-scope"))
                .singleElement()
                .extracting(Finding::severity)
                .isEqualTo(Severity.BAR);
    }

    private static Profile profile(List<Coverage> coverage, Offence offence) {
        return new Profile(
                CountryCode.of("XC"),
                true,
                LocalDate.of(2026, 1, 1),
                List.of(),
                List.of(offence),
                coverage,
                List.of(),
                List.of(),
                null,
                null);
    }

    private static Context context(Scenarios.Scenario s, Profile requesting) {
        return Context.of(
                s.input(),
                s.legalBasis(),
                Optional.of(requesting),
                Optional.ofNullable(Kit.PROFILE_BY_STATE.get(s.input().requested())),
                Kit.PACKS.current(s.input().requested()),
                Kit.CITATIONS,
                Kit.CONVENTION,
                48);
    }
}
