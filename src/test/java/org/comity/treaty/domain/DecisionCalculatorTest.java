package org.comity.treaty.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.comity.treaty.DecisionRule.Comparison;
import org.comity.treaty.DecisionRule.Consensus;
import org.comity.treaty.DecisionRule.QualifiedMajority;
import org.comity.treaty.DecisionRule.Share;
import org.comity.treaty.VoteTally;
import org.junit.jupiter.api.Test;

class DecisionCalculatorTest {

    static final Share TWO_THIRDS = new Share(2, 3, Comparison.AT_LEAST);
    static final Share HALF = new Share(1, 2, Comparison.MORE_THAN);
    final DecisionCalculator calculator = new DecisionCalculator();

    @Test
    void abstentionsDoNotCountAsVotes() {
        // 60 yes, 30 no, 50 abstain: 60 of 90 present and voting is exactly two thirds.
        var outcome =
                calculator.decide(new QualifiedMajority(TWO_THIRDS, Optional.empty(), 0), new VoteTally(60, 30, 50, 0));
        assertThat(outcome.adopted()).isTrue();
        assertThat(outcome.arithmetic())
                .contains("present and voting = yes 60 + no 30 = 90 (abstentions 50 excluded)")
                .contains("required: at least 2/3 of 90 = at least 60 yes; yes 60: adopted");
    }

    @Test
    void oneVoteShortOfTwoThirdsFails() {
        // 2/3 of 91 = 60.67, so 61 are needed: exact integer ceiling, no floating point.
        var outcome =
                calculator.decide(new QualifiedMajority(TWO_THIRDS, Optional.empty(), 0), new VoteTally(60, 31, 0, 0));
        assertThat(outcome.adopted()).isFalse();
        assertThat(outcome.arithmetic().getLast()).contains("at least 61 yes; yes 60: not adopted");
    }

    @Test
    void aTieFailsAStrictMajority() {
        var outcome = calculator.decide(new QualifiedMajority(HALF, Optional.empty(), 0), new VoteTally(40, 40, 10, 0));
        assertThat(outcome.adopted()).isFalse();
        assertThat(outcome.arithmetic().getLast()).contains("more than 1/2 of 80 = at least 41 yes");
    }

    @Test
    void withoutQuorumNothingIsDecided() {
        // Quorum: a majority of 101 members = at least 51 present; 50 present.
        var outcome =
                calculator.decide(new QualifiedMajority(TWO_THIRDS, Optional.of(HALF), 0), new VoteTally(50, 0, 0, 51));
        assertThat(outcome.adopted()).isFalse();
        assertThat(outcome.arithmetic().getLast())
                .isEqualTo(
                        "quorum: more than 1/2 of 101 members = at least 51 present; 50 present: not met, no decision");
    }

    @Test
    void allAbstainingAdoptsNothing() {
        var outcome =
                calculator.decide(new QualifiedMajority(TWO_THIRDS, Optional.empty(), 0), new VoteTally(0, 0, 12, 0));
        assertThat(outcome.adopted()).isFalse();
    }

    @Test
    void consensusFailsOnOneObjectionAndNeedsTheMinimumMembership() {
        assertThat(calculator
                        .decide(new Consensus(Optional.empty(), 0), new VoteTally(70, 0, 5, 0))
                        .adopted())
                .isTrue();
        assertThat(calculator
                        .decide(new Consensus(Optional.empty(), 0), new VoteTally(70, 1, 5, 0))
                        .adopted())
                .isFalse();
        var tooFew = calculator.decide(new Consensus(Optional.empty(), 60), new VoteTally(59, 0, 0, 0));
        assertThat(tooFew.adopted()).isFalse();
        assertThat(tooFew.arithmetic()).contains("minimum membership: 59 < 60: not met, the body cannot adopt it");
    }
}
