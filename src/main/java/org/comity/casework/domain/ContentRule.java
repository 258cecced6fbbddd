package org.comity.casework.domain;

import java.time.LocalDate;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/**
 * One rule about what a request of some kind must contain. Rules report, they never throw, so {@link
 * ContentRules} can list every problem at once. Field paths start at the request body
 * ({@code content.offences[0].maximumPenaltyMonths}).
 */
public interface ContentRule {

    List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today);

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
