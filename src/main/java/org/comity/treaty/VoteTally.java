package org.comity.treaty;

/** The votes in a treaty body: yes, no, abstentions, and members absent (or present but not voting). */
public record VoteTally(int yes, int no, int abstain, int absent) {

    public VoteTally {
        if (yes < 0 || no < 0 || abstain < 0 || absent < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        if ((long) yes + no + abstain + absent > 100_000) {
            throw new IllegalArgumentException("no treaty body has that many members");
        }
    }

    public int members() {
        return yes + no + abstain + absent;
    }

    public int present() {
        return yes + no + abstain;
    }

    /** Those casting a yes or no vote; abstentions are not votes (UN GA rules of procedure). */
    public int presentAndVoting() {
        return yes + no;
    }
}
