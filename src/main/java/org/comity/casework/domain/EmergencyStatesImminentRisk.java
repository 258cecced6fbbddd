package org.comity.casework.domain;

import static org.comity.casework.domain.ContentRule.blank;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/**
 * An emergency is a significant and imminent risk to the life or safety of a natural person
 * (domain.md §2): an emergency request must say what that risk is, and an emergency disclosure request
 * must be marked as an emergency. Forged "emergencies" are the abuse this makes visible.
 */
final class EmergencyStatesImminentRisk implements ContentRule {

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var problems = new ArrayList<Violation>();
        if (kind.emergency() && !content.emergency()) {
            problems.add(new Violation(
                    "content.urgency.level",
                    "emergency-level-required",
                    "an emergency disclosure request has urgency EMERGENCY"));
        }
        if (content.emergency() && blank(content.urgency().imminentRisk())) {
            problems.add(new Violation(
                    "content.urgency.imminentRisk",
                    "imminent-risk-required",
                    "describe the imminent risk to the life or safety of a person"));
        }
        return problems;
    }
}
