package org.comity.treaty.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.treaty.DecisionOutcome;
import org.comity.treaty.DecisionRule;
import org.comity.treaty.DecisionRule.Consensus;
import org.comity.treaty.DecisionRule.QualifiedMajority;
import org.comity.treaty.VoteTally;

/**
 * Decides whether a treaty body adopted a proposal, in exact integer arithmetic, writing out each step
 * so a delegate can check it: minimum membership, quorum, then consensus or the qualified majority of
 * those present and voting (yes and no; abstentions are not votes).
 */
public final class DecisionCalculator {

    public DecisionOutcome decide(DecisionRule rule, VoteTally votes) {
        var steps = new ArrayList<String>();
        steps.add("members = yes " + votes.yes() + " + no " + votes.no() + " + abstain " + votes.abstain()
                + " + absent " + votes.absent() + " = " + votes.members());
        if (rule.minimumMembers() > 0) {
            boolean enough = votes.members() >= rule.minimumMembers();
            steps.add("minimum membership: " + votes.members() + (enough ? " >= " : " < ") + rule.minimumMembers()
                    + (enough ? ": met" : ": not met, the body cannot adopt it"));
            if (!enough) {
                return new DecisionOutcome(false, steps);
            }
        }
        steps.add("present = yes " + votes.yes() + " + no " + votes.no() + " + abstain " + votes.abstain() + " = "
                + votes.present());
        if (rule.quorum().isPresent()) {
            var quorum = rule.quorum().get();
            long needed = quorum.smallestCountOf(votes.members());
            boolean met = votes.present() >= needed;
            steps.add("quorum: " + quorum.describe() + " of " + votes.members() + " members = at least " + needed
                    + " present; " + votes.present() + " present: " + (met ? "met" : "not met, no decision"));
            if (!met) {
                return new DecisionOutcome(false, steps);
            }
        }
        return switch (rule) {
            case Consensus c -> consensus(votes, steps);
            case QualifiedMajority m -> majority(m, votes, steps);
        };
    }

    private static DecisionOutcome consensus(VoteTally votes, List<String> steps) {
        boolean adopted = votes.no() == 0;
        steps.add("consensus: " + votes.no() + " objection(s): "
                + (adopted ? "adopted without objection" : "no consensus, not adopted"));
        return new DecisionOutcome(adopted, steps);
    }

    private static DecisionOutcome majority(QualifiedMajority rule, VoteTally votes, List<String> steps) {
        int voting = votes.presentAndVoting();
        steps.add("present and voting = yes " + votes.yes() + " + no " + votes.no() + " = " + voting + " (abstentions "
                + votes.abstain() + " excluded)");
        if (voting == 0) {
            steps.add("nobody voted yes or no: not adopted");
            return new DecisionOutcome(false, steps);
        }
        long needed = rule.majority().smallestCountOf(voting);
        boolean adopted = votes.yes() >= needed;
        steps.add("required: " + rule.majority().describe() + " of " + voting + " = at least " + needed + " yes; yes "
                + votes.yes() + ": " + (adopted ? "adopted" : "not adopted"));
        return new DecisionOutcome(adopted, steps);
    }
}
