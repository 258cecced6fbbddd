package org.comity.evidence.domain;

/** A custody chain that does not verify, naming the first record (from 0) that fails and why. */
public final class CustodyChainBroken extends RuntimeException {

    private final int index;

    public CustodyChainBroken(int index, String reason) {
        super("custody record " + index + ": " + reason);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
