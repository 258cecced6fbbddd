package org.comity.treaty;

import java.util.List;

/** Whether a proposal is adopted, with each step of the arithmetic written out. */
public record DecisionOutcome(boolean adopted, List<String> arithmetic) {

    public DecisionOutcome {
        arithmetic = List.copyOf(arithmetic);
    }
}
