package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.comity.safeguards.domain.Assessor;
import org.comity.safeguards.domain.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario gives exactly its expected findings, whatever order the rules run in. */
class ScenarioCorpusTest {

    static Stream<Scenarios.Scenario> scenarios() {
        return Scenarios.all().stream();
    }

    @Test
    void theCorpusHasAtLeastFortyScenarios() {
        assertThat(Scenarios.all()).hasSizeGreaterThanOrEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void givesItsExpectedFindings(Scenarios.Scenario scenario) {
        var assessment = Assessor.standard().assess(Kit.context(scenario.input(), scenario.legalBasis()));
        var actual = assessment.findings().stream()
                .map(f -> f.severity().code() + " " + f.rule())
                .toList();
        assertThat(actual)
                .as(scenario.name() + "\n" + explain(assessment))
                .containsExactlyElementsOf(
                        scenario.expected().stream().map(Object::toString).toList());
        for (int i = 0; i < actual.size(); i++) {
            var expected = scenario.expected().get(i);
            if (expected.source() != null) {
                assertThat(Scenarios.source(assessment.findings().get(i).source()))
                        .as(scenario.file() + ": source of " + expected)
                        .isEqualTo(expected.source());
            }
        }
        for (Finding f : assessment.findings()) {
            assertThat(f.source())
                    .as(f.rule() + " says whose rule it is")
                    .isNotInstanceOf(FindingSource.Unattributed.class);
            assertThat(f.message()).as(f.rule() + " keeps its message").isNotNull();
            assertThat(f.citations()).as(f.rule() + " cites the catalogue").isNotEmpty();
            assertThat(f.fields()).as(f.rule() + " names its fields").isNotEmpty();
        }
    }

    @Test
    void findingsDoNotDependOnRuleOrder() {
        var random = new Random(20270301);
        for (var scenario : Scenarios.all()) {
            var context = Kit.context(scenario.input(), scenario.legalBasis());
            var expected = Assessor.standard().assess(context);
            for (int i = 0; i < 5; i++) {
                var rules = new ArrayList<>(Rules.all());
                Collections.shuffle(rules, random);
                assertThat(new Assessor(rules).assess(context))
                        .as(scenario.file())
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void neverGroundsNeverAddARefusalFinding() {
        for (var scenario : Scenarios.all()) {
            var input = scenario.input();
            var without = Assessor.standard().assess(Kit.context(withMatters(input, List.of()), scenario.legalBasis()));
            var with = Assessor.standard()
                    .assess(Kit.context(
                            withMatters(
                                    input, List.of(AssessmentInput.Matter.BANK_SECRECY, AssessmentInput.Matter.FISCAL)),
                            scenario.legalBasis()));
            var refusalsWithout = without.findings().stream()
                    .filter(f -> f.severity() != Severity.NOTE)
                    .toList();
            var refusalsWith = with.findings().stream()
                    .filter(f -> f.severity() != Severity.NOTE)
                    .toList();
            assertThat(refusalsWith).as(scenario.file()).isEqualTo(refusalsWithout);
        }
    }

    static AssessmentInput withMatters(AssessmentInput i, List<AssessmentInput.Matter> matters) {
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
                i.subjects(),
                i.data(),
                i.emergency(),
                i.conditions(),
                i.compelled(),
                i.deathPenaltyAssurances(),
                i.priorProceedings(),
                i.use(),
                java.util.Set.copyOf(matters),
                i.history());
    }

    static String explain(Assessment a) {
        var text = new StringBuilder();
        for (Finding f : a.findings()) {
            text.append("  ")
                    .append(f.severity().code())
                    .append(' ')
                    .append(f.rule())
                    .append(": ")
                    .append(f.explanation())
                    .append(" ")
                    .append(f.citations())
                    .append('\n');
        }
        return text.toString();
    }
}
