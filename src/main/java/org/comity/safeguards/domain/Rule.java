package org.comity.safeguards.domain;

import java.util.List;

/** One safeguard: reads the context, adds zero or more findings. Stateless, so order never matters. */
public interface Rule {

    /** Stable id shown on every finding the rule makes. */
    String id();

    /**
     * Every source this rule may attribute a finding to, checked against the citations file when the
     * node starts; a finding with a source not listed here is an error.
     */
    List<Attribution> attributions();

    void assess(Context context, Findings findings);
}
