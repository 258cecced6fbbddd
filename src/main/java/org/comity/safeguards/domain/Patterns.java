package org.comity.safeguards.domain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
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
        var listed = new ArrayList<PriorRequest>();
        if (!ids.isEmpty()) {
            input.history().stream()
                    .filter(p -> !p.requestId().equals(input.requestId()))
                    .filter(p -> withinWindow(p, input, thresholds))
                    .filter(p -> p.subjectIdentifiers().stream().anyMatch(ids::contains))
                    .forEach(listed::add);
        }
        // Earlier requests the reviewer knows of from other States are about this person whether or not
        // the request gives an identifier.
        input.reviewerFacts().earlierRequests().stream()
                .filter(e -> e.subject() == subject)
                .map(e -> new PriorRequest(
                        UUID.nameUUIDFromBytes(
                                ("reviewer:" + subject + ":" + e.requesting() + ":" + e.requested() + ":" + e.date())
                                        .getBytes(StandardCharsets.UTF_8)),
                        e.requesting(),
                        e.requested(),
                        e.date(),
                        List.copyOf(ids),
                        false))
                .filter(p -> withinWindow(p, input, thresholds))
                .forEach(listed::add);
        return List.copyOf(listed);
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
