package org.comity.casework.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/** Every content rule, applied together: the list of what must be fixed before a request can go. */
public final class ContentRules {

    private static final List<ContentRule> RULES = List.of(
            new RequiredContents(),
            new OffencesDescribed(),
            new SubjectsIdentifiable(),
            new DataSoughtMatchesKind(),
            new EmergencyStatesImminentRisk(),
            new CoerciveMeasureSafeguards(),
            new ConfidentialityHasEndDate(),
            new ExtraditionNamesThePerson(),
            new PriorProceedingsComplete(),
            new OnwardTransferToThirdStates());

    private ContentRules() {}

    public static List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var problems = new ArrayList<Violation>();
        for (ContentRule rule : RULES) {
            problems.addAll(rule.check(kind, content, today));
        }
        return List.copyOf(problems);
    }

    public static void require(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var problems = check(kind, content, today);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
    }
}
