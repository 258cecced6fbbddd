package org.comity.treaty;

import java.util.Optional;

/** How a treaty body decides. Closed set: consensus, or a qualified majority of those present and voting. */
public sealed interface DecisionRule {

    /** Quorum, if the body has one. */
    Optional<Share> quorum();

    /** Members needed before the body may decide at all (UNCC protocols: States Parties); 0 if none. */
    int minimumMembers();

    /** Adopted without objection. */
    record Consensus(Optional<Share> quorum, int minimumMembers) implements DecisionRule {
        public Consensus {
            if (quorum == null || minimumMembers < 0) {
                throw new IllegalArgumentException("quorum may be empty, minimum members not negative");
            }
        }
    }

    /** Adopted when the yes votes reach a share of those present and voting (abstentions excluded). */
    record QualifiedMajority(Share majority, Optional<Share> quorum, int minimumMembers) implements DecisionRule {
        public QualifiedMajority {
            if (majority == null || quorum == null || minimumMembers < 0) {
                throw new IllegalArgumentException("majority required, quorum may be empty, minimum not negative");
            }
        }
    }

    /**
     * An exact fraction with its comparison: "at least two thirds", "more than one half".
     */
    record Share(int numerator, int denominator, Comparison comparison) {
        public Share {
            if (denominator <= 0 || numerator <= 0 || numerator > denominator || comparison == null) {
                throw new IllegalArgumentException("a share is a fraction between 0 (excluded) and 1");
            }
        }

        /** The smallest whole count that satisfies this share of {@code total}, in exact integer arithmetic. */
        public long smallestCountOf(long total) {
            long product = total * numerator;
            return switch (comparison) {
                case AT_LEAST -> (product + denominator - 1) / denominator;
                case MORE_THAN -> product / denominator + 1;
            };
        }

        public String describe() {
            return (comparison == Comparison.AT_LEAST ? "at least " : "more than ") + numerator + "/" + denominator;
        }
    }

    enum Comparison {
        AT_LEAST,
        MORE_THAN
    }
}
