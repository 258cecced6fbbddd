package org.comity.casework.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the safeguards assessment of the request version says for deciding it: whether a finding is a
 * refusal ground or a concern (a second approver is then required), and the rule ids of its bars (a
 * decision that grants contradicts them).
 *
 * @param bars rule ids of the bar findings, empty when there is none
 * @param note what the deciding user is told, if anything
 */
public record Assessment(
        boolean groundOrConcern,
        List<String> bars,
        @Nullable String note) {

    public Assessment {
        bars = bars == null ? List.of() : List.copyOf(bars);
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
