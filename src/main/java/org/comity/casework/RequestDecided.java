package org.comity.casework;

import java.time.LocalDate;
import java.util.Set;

/**
 * A request was decided.
 *
 * @param outcome {@code granted}, {@code granted-with-conditions}, {@code partially-granted},
 *     {@code postponed} or {@code refused}
 * @param refusalGrounds the categories of the reasons for a refusal in whole or in part (codes such as
 *     {@code persecution}); empty otherwise
 * @param secondApproval whether a second user approved the decision
 */
public record RequestDecided(
        RequestFacts request, String outcome, Set<String> refusalGrounds, boolean secondApproval, LocalDate day) {

    public RequestDecided {
        refusalGrounds = Set.copyOf(refusalGrounds);
    }
}
