package org.comity.casework.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/**
 * An onward transfer goes to a third State: the requesting State receives the data anyway and the
 * requested State is where it comes from, so naming either is a mistake that would hide who else gets
 * the data. Each State is named once.
 */
final class OnwardTransferToThirdStates implements ContentRule {

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var conditions = content.conditions();
        if (conditions == null) {
            return List.of();
        }
        var requesting = content.requestingAuthority() == null
                ? null
                : content.requestingAuthority().state();
        var requested = content.requestedAuthority() == null
                ? null
                : content.requestedAuthority().state();
        var problems = new ArrayList<Violation>();
        var seen = new HashSet<org.comity.shared.CountryCode>();
        var to = conditions.onwardTransferTo();
        for (int i = 0; i < to.size(); i++) {
            var state = to.get(i);
            var field = "content.conditions.onwardTransferTo[" + i + "]";
            if (state.equals(requesting) || state.equals(requested)) {
                problems.add(new Violation(
                        field,
                        "onward-transfer-third-state",
                        state.value() + " is a party to the request; list only third States the data would be"
                                + " passed on to"));
            } else if (!seen.add(state)) {
                problems.add(new Violation(field, "onward-transfer-duplicate", state.value() + " is listed twice"));
            }
        }
        return problems;
    }
}
