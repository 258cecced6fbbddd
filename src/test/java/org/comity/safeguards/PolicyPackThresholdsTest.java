package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.PolicyPack;
import org.comity.safeguards.policy.PolicyPackFile;
import org.comity.safeguards.policy.PolicyPackProblems;
import org.comity.shared.CountryCode;
import org.junit.jupiter.api.Test;

/** Thresholds of the built-in rules come from the requested State's pack, defaults otherwise, and are recorded. */
class PolicyPackThresholdsTest {

    private static final CountryCode XB = CountryCode.of("XB");

    static Scenarios.Scenario scenario(String file) {
        return Scenarios.all().stream()
                .filter(s -> s.file().equals(file))
                .findFirst()
                .orElseThrow();
    }

    static List<String> findings(Scenarios.Scenario scenario, PolicyPack pack) {
        return Assessor.standard()
                .assess(Kit.context(scenario.input(), scenario.legalBasis(), pack))
                .findings()
                .stream()
                .map(f -> f.severity().code() + " " + f.rule())
                .toList();
    }

    static PolicyPack xbWith(Map<String, Integer> thresholds) {
        return Kit.PACKS.current(XB).withThresholds(PolicyPack.Thresholds.of(thresholds));
    }

    @Test
    void theShippedPacksKeepTheDefaultsAndAssessmentsRecordThem() {
        var pack = Kit.PACKS.current(XB);
        assertThat(pack.settings().thresholds()).isEqualTo(PolicyPack.Thresholds.DEFAULTS);
        assertThat(PolicyPack.Thresholds.DEFAULTS.longPeriodDays()).isEqualTo(732);
        assertThat(PolicyPack.Thresholds.DEFAULTS.manySubjects()).isEqualTo(10);
        var s = scenario("49-many-subjects.yaml");
        var assessment = Assessor.standard().assess(Kit.context(s.input(), s.legalBasis(), pack));
        assertThat(assessment.inputs().thresholds()).isEqualTo("defaults");
    }

    @Test
    void aLowerSubjectThresholdChangesTheFinding() {
        // Two subjects: nothing with the default of ten, a concern when the pack says more than one.
        var twelve = scenario("49-many-subjects.yaml");
        var input = twelve.input();
        var two = new Scenarios.Scenario(
                twelve.file(),
                twelve.name(),
                withSubjects(input, input.subjects().subList(0, 2)),
                twelve.legalBasis(),
                List.of());
        assertThat(findings(two, Kit.PACKS.current(XB))).doesNotContain("concern number-of-subjects");
        var strict = xbWith(Map.of("many_subjects", 1));
        assertThat(findings(two, strict)).contains("concern number-of-subjects");
        assertThat(Assessor.standard()
                        .assess(Kit.context(two.input(), two.legalBasis(), strict))
                        .inputs()
                        .thresholds())
                .contains("many_subjects=1");
        // And a higher one lifts the concern on twelve subjects.
        assertThat(findings(twelve, xbWith(Map.of("many_subjects", 12)))).doesNotContain("concern number-of-subjects");
    }

    @Test
    void theLongPeriodAndPatternThresholdsComeFromThePack() {
        var fiveYears = scenario("48-five-year-period.yaml");
        assertThat(findings(fiveYears, Kit.PACKS.current(XB))).contains("concern bounded-period");
        assertThat(findings(fiveYears, xbWith(Map.of("long_period_days", 2000))))
                .doesNotContain("concern bounded-period");

        var once = scenario("51-same-subject-once.yaml");
        assertThat(findings(once, Kit.PACKS.current(XB))).contains("note subject-targeted-repeatedly");
        assertThat(findings(once, xbWith(Map.of("repeated_subject_requests", 1))))
                .contains("concern subject-targeted-repeatedly");
        // The earlier request is dated three months before this one: outside a thirty-day window.
        assertThat(findings(once, xbWith(Map.of("pattern_window_days", 30))))
                .noneMatch(f -> f.endsWith("subject-targeted-repeatedly"));

        var record = scenario("50-requesting-state-record.yaml");
        assertThat(findings(record, Kit.PACKS.current(XB))).contains("concern requesting-state-record");
        assertThat(findings(record, xbWith(Map.of("state_record_refusals", 2))))
                .doesNotContain("concern requesting-state-record");
    }

    @Test
    void thresholdsAreReadFromThePackFileAndCheckedWithTheirLine() {
        var pack = PolicyPackFile.read("XB-9.yaml", """
                pack: strict
                state: XB
                version: 9
                settings:
                  many_subjects: 3
                  long_period_days: 365
                  pattern_window_days: 730
                """, Kit.CITATIONS);
        assertThat(pack.settings().thresholds().manySubjects()).isEqualTo(3);
        assertThat(pack.settings().thresholds().label())
                .isEqualTo("long_period_days=365;many_subjects=3;repeated_subject_requests=2;"
                        + "repeated_subject_states=3;state_record_refusals=1;pattern_window_days=730");
        assertThat(PolicyPack.Thresholds.ofLabel(pack.settings().thresholds().label()))
                .contains(pack.settings().thresholds());
        assertThatThrownBy(() -> PolicyPackFile.read("XB-9.yaml", """
                        pack: strict
                        state: XB
                        version: 9
                        settings:
                          many_subjects: 0
                          repeated_subject_states: many
                        """, Kit.CITATIONS))
                .isInstanceOfSatisfying(
                        PolicyPackProblems.class,
                        e -> assertThat(e.details())
                                .extracting(PolicyPackProblems.Problem::line)
                                .containsExactly(5, 6));
    }

    static AssessmentInput withSubjects(AssessmentInput i, List<AssessmentInput.Subject> subjects) {
        return new AssessmentInput(
                i.requestId(),
                i.version(),
                i.direction(),
                i.measure(),
                i.requesting(),
                i.requested(),
                i.requestDate(),
                i.legalBasis(),
                i.offences(),
                subjects,
                i.data(),
                i.emergency(),
                i.conditions(),
                i.compelled(),
                i.deathPenaltyAssurances(),
                i.priorProceedings(),
                i.use(),
                i.matters(),
                i.history());
    }
}
