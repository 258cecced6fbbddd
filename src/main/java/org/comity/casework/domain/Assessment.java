package org.comity.casework.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the safeguards assessment of the request version says for deciding it: whether a finding is a
 * refusal ground or a concern (a second approver is then required), the rule ids of its bars (a
 * decision that grants contradicts them unless the bar is one the treaty alone sets and another basis
 * is recorded, {@link Bars}), and the findings a decision's reasons may name.
 *
 * @param bars rule ids of the bar findings, empty when there is none
 * @param note what the deciding user is told, if anything
 * @param raised rule ids of the findings that are a bar, a ground or a concern: what a proposal answers
 * @param findings rule ids of every finding, notes included: what a reason may rest on
 */
public record Assessment(
        boolean groundOrConcern,
        List<String> bars,
        @Nullable String note,
        List<String> raised,
        List<String> findings) {

    public Assessment {
        bars = bars == null ? List.of() : List.copyOf(bars);
        raised = raised == null ? List.copyOf(bars) : List.copyOf(raised);
        findings = findings == null ? List.copyOf(raised) : List.copyOf(findings);
    }

    public Assessment(boolean groundOrConcern, List<String> bars, @Nullable String note) {
        this(groundOrConcern, bars, note, null, null);
    }

    public Assessment(boolean groundOrConcern, @Nullable String note) {
        this(groundOrConcern, List.of(), note);
    }

    public static Assessment clear() {
        return new Assessment(false, List.of(), null);
    }

    /**
     * A request that could not be assessed (a State is missing): nobody has seen that it is clean, so
     * deciding it needs a second approver.
     */
    public static Assessment unavailable() {
        return new Assessment(true, List.of(), "the request names no requesting or requested State to assess");
    }

    public boolean hasBar() {
        return !bars.isEmpty();
    }
}
