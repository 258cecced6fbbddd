package org.comity.casework;

import java.time.LocalDate;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A request was decided.
 *
 * @param outcome {@code granted}, {@code granted-with-conditions}, {@code partially-granted},
 *     {@code postponed} or {@code refused}
 * @param refusalGrounds the categories of the reasons for a refusal in whole or in part (codes such as
 *     {@code persecution}); empty otherwise
 * @param secondApproval whether a second user approved the decision
 * @param basis for a grant the treaty does not oblige, the code of the other basis it rests on
 *     ({@code reciprocity}, {@code domestic-law}, {@code other-instrument}); null otherwise
 * @param pairing the token both public logs record for this decision, when it travelled as a message
 *     (the requested State's log when it decided, the requesting State's when it was told)
 */
public record RequestDecided(
        RequestFacts request,
        String outcome,
        Set<String> refusalGrounds,
        boolean secondApproval,
        LocalDate day,
        @Nullable String basis,
        @Nullable String pairing) {

    public RequestDecided {
        refusalGrounds = Set.copyOf(refusalGrounds);
    }

    public RequestDecided(
            RequestFacts request, String outcome, Set<String> refusalGrounds, boolean secondApproval, LocalDate day) {
        this(request, outcome, refusalGrounds, secondApproval, day, null, null);
    }
}
