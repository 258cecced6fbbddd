package org.comity.safeguards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.comity.safeguards.policy.PolicyPackFile;
import org.comity.safeguards.policy.PolicyPackProblems;
import org.junit.jupiter.api.Test;

class PolicyPackFileTest {

    @Test
    void shippedPacksLoadWithTheirSettingsAndRules() {
        var xb = Kit.PACKS.current(org.comity.shared.CountryCode.of("XB"));
        assertThat(xb.version()).isEqualTo(2);
        assertThat(xb.rules())
                .extracting(r -> r.id())
                .containsExactly(
                        "content-only-for-grave-offences",
                        "interception-only-for-grave-offences",
                        "judicial-order-for-content-and-real-time");
        assertThat(xb.settings().extraPersecutionGrounds())
                .containsExactlyInAnyOrder(Characteristic.SEXUAL_ORIENTATION, Characteristic.GENDER_IDENTITY);
    }

    @Test
    void aBrokenPackIsRejectedWithEveryLineAndReason() {
        var text = """
                pack: broken
                state: XB
                version: 1
                settings:
                  death_penalty: sometimes
                rules:
                  - id: bad-expression
                    severity: bar
                    when: request.max_months <
                    cite: [proportionality]
                    explanation: x
                    resolution: y
                  - id: wrong-type
                    severity: ground
                    when: request.kind + 1
                    cite: [no-such-key]
                    explanation: x
                    resolution: y
                """;
        assertThatThrownBy(() -> PolicyPackFile.read("broken.yaml", text, Kit.CITATIONS))
                .isInstanceOfSatisfying(
                        PolicyPackProblems.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).startsWith("broken.yaml line 5: death_penalty"))
                                .anySatisfy(p -> assertThat(p).startsWith("broken.yaml line 9: when:"))
                                .anySatisfy(p -> assertThat(p).startsWith("broken.yaml line 16: cite: no citation key"))
                                .anySatisfy(p -> assertThat(p).startsWith("broken.yaml line 15: when:")));
    }

    @Test
    void aRuleWithoutConditionOrCitationIsRejectedNotSkipped() {
        var text = """
                pack: incomplete
                state: XB
                version: 2
                rules:
                  - id: no-condition
                    severity: bar
                    explanation: x
                    resolution: y
                """;
        assertThatThrownBy(() -> PolicyPackFile.read("incomplete.yaml", text, Kit.CITATIONS))
                .isInstanceOfSatisfying(
                        PolicyPackProblems.class,
                        e -> assertThat(e.problems())
                                .anySatisfy(p -> assertThat(p).contains("when: required"))
                                .anySatisfy(p -> assertThat(p).contains("cite at least one")));
    }

    @Test
    void everyCitationKeyResolvesThroughTheCatalogue() {
        assertThat(Kit.CITATIONS.all()).isNotEmpty();
        Kit.CITATIONS.all().values().forEach(list -> assertThat(list).isNotEmpty());
        assertThat(Kit.CITATIONS.of("persecution").getFirst().tagged()).isEqualTo("UNCC Art 40(22) [V]");
    }
}
