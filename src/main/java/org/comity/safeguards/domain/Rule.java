package org.comity.safeguards.domain;

/** One safeguard: reads the context, adds zero or more findings. Stateless, so order never matters. */
public interface Rule {

    /** Stable id shown on every finding the rule makes. */
    String id();

    void assess(Context context, Findings findings);
}
