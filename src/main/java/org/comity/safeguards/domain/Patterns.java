package org.comity.safeguards.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.comity.safeguards.AssessmentInput;
import org.comity.safeguards.AssessmentInput.PriorRequest;
import org.comity.shared.CountryCode;

/**
 * What the two pattern rules share: which earlier requests listed in the input's history still count,
 * and the States they involve. The engine's facade asks the same when it counts the node's records, so
 * a State is never counted twice.
 */
public final class Patterns {

    private Patterns() {}

    /** An earlier request counts if the pack sets no window, or it is dated within the window. */
    static boolean withinWindow(PriorRequest prior, AssessmentInput input, PolicyPack.Thresholds thresholds) {
        int days = thresholds.patternWindowDays();
        return days == 0 || !prior.date().isBefore(input.requestDate().minusDays(days));
    }

    /**
     * The requests listed in {@code history} that named one of the subject's identifiers and count: not
     * this request, within the window. In list order.
     */
    public static List<PriorRequest> listedFor(AssessmentInput input, int subject, PolicyPack.Thresholds thresholds) {
        Set<String> ids = new HashSet<>(input.subjects().get(subject).identifiers());
        if (ids.isEmpty()) {
            return List.of();
        }
        return input.history().stream()
                .filter(p -> !p.requestId().equals(input.requestId()))
                .filter(p -> withinWindow(p, input, thresholds))
                .filter(p -> p.subjectIdentifiers().stream().anyMatch(ids::contains))
                .toList();
    }

    /** This request's two States and those of the listed requests. */
    public static Set<CountryCode> states(AssessmentInput input, List<PriorRequest> listed) {
        var states = new TreeSet<CountryCode>();
        listed.forEach(p -> {
            states.add(p.requesting());
            states.add(p.requested());
        });
        states.add(input.requesting());
        states.add(input.requested());
        return states;
    }
}
