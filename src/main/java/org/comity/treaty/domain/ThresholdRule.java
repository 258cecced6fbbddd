package org.comity.treaty.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.comity.treaty.ActionType;
import org.comity.treaty.Citation;

/**
 * Entry into force of an instrument for its first parties: once {@code required} instruments of the
 * counting types are deposited (optionally with a minimum from a group), it enters into force after
 * {@code effective}. REIO instruments count only if {@code reioCountsInAddition}.
 *
 * @param effective empty when the timing is not known from the sources
 */
public record ThresholdRule(
        int required,
        Set<ActionType> counting,
        boolean reioCountsInAddition,
        Optional<GroupMinimum> groupMinimum,
        Optional<Timing> effective,
        List<Citation> cites,
        LaterPartyRule laterParty) {

    public ThresholdRule {
        counting = Set.copyOf(counting);
        cites = List.copyOf(cites);
        if (required < 1 || counting.isEmpty() || counting.stream().anyMatch(t -> !t.expressesConsent())) {
            throw new IllegalArgumentException("a threshold counts at least one instrument of consent");
        }
    }

    /** At least {@code count} of the counting instruments must come from members of {@code group}. */
    public record GroupMinimum(Group group, int count) {
        public GroupMinimum {
            if (count < 1) {
                throw new IllegalArgumentException("a group minimum is at least one");
            }
        }
    }

    /**
     * For a party depositing after the threshold: in force after {@code effective} from its deposit,
     * and, if {@code notBeforeEntryIntoForce}, never before the instrument itself.
     */
    public record LaterPartyRule(Optional<Timing> effective, boolean notBeforeEntryIntoForce, List<Citation> cites) {
        public LaterPartyRule {
            cites = List.copyOf(cites);
        }
    }
}
