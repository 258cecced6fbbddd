package org.comity.jurisdiction;

import java.util.Set;

/**
 * One domestic offence: the provision as lawyers cite it, what conduct it covers, how severely it can
 * be punished at most, and where that is written.
 */
public record Offence(
        String provision,
        String title,
        Set<ConductCode> conduct,
        MaxPenalty maxPenalty,
        Set<OffenceFlag> flags,
        String source) {

    public Offence {
        if (provision == null || provision.isBlank() || title == null || title.isBlank()) {
            throw new IllegalArgumentException("an offence has a provision and a title");
        }
        if (conduct == null || conduct.isEmpty()) {
            throw new IllegalArgumentException("an offence covers at least one conduct category");
        }
        conduct = Set.copyOf(conduct);
        flags = Set.copyOf(flags);
    }

    public boolean covers(ConductCode code) {
        return conduct.contains(code);
    }

    public boolean has(OffenceFlag flag) {
        return flags.contains(flag);
    }
}
