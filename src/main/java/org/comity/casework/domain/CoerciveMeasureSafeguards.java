package org.comity.casework.domain;

import static org.comity.casework.domain.ContentRule.blank;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/**
 * A coercive measure states its conditions and safeguards (domain.md §4.2): who authorised it, on
 * which legal grounds, why it is proportionate; measures that last (real-time collection,
 * interception) also say for how long. Whether that is enough is for safeguards and a human to judge;
 * this rule only makes sure the items are there.
 */
final class CoerciveMeasureSafeguards implements ContentRule {

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var problems = new ArrayList<Violation>();
        if (!kind.coercive()) {
            return problems;
        }
        var safeguards = content.safeguards();
        if (safeguards == null || blank(safeguards.authorisingBody())) {
            problems.add(new Violation(
                    "content.safeguards.authorisingBody",
                    "authorising-body-required",
                    "name the body that authorised the measure"));
        }
        if (safeguards == null || blank(safeguards.legalGrounds())) {
            problems.add(new Violation(
                    "content.safeguards.legalGrounds",
                    "legal-grounds-required",
                    "state the grounds justifying the measure"));
        }
        if (safeguards == null || blank(safeguards.proportionality())) {
            problems.add(new Violation(
                    "content.safeguards.proportionality",
                    "proportionality-required",
                    "explain why the measure is proportionate"));
        }
        var duration = safeguards == null ? null : safeguards.durationDays();
        var lasting = kind.continuing();
        if ((lasting && duration == null) || (duration != null && duration <= 0)) {
            problems.add(new Violation(
                    "content.safeguards.durationDays",
                    "duration-required",
                    "give the duration of the measure in days (at least 1)"));
        }
        return problems;
    }
}
