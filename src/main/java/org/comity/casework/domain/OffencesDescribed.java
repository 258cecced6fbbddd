package org.comity.casework.domain;

import static org.comity.casework.domain.ContentRule.blank;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/**
 * Each offence names its domestic provision, the conduct it maps to and its maximum penalty: scope and
 * dual criminality are judged on these. Spontaneous information may be sent before any offence is
 * charged, so it may list none.
 */
final class OffencesDescribed implements ContentRule {

    /** Longer than any life expectancy: a number this large is a typing mistake, not a penalty. */
    private static final int MAX_MONTHS = 1200;

    private static final int MAX_BASIS = 2000;

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var problems = new ArrayList<Violation>();
        if (content.offences().isEmpty() && !kind.unrequested()) {
            problems.add(new Violation("content.offences", "offence-required", "name at least one offence"));
        }
        for (int i = 0; i < content.offences().size(); i++) {
            var offence = content.offences().get(i);
            var field = "content.offences[" + i + "]";
            if (blank(offence.domesticProvision())) {
                problems.add(new Violation(
                        field + ".domesticProvision", "provision-required", "cite the domestic provision"));
            }
            if (offence.conductCategories().isEmpty()) {
                problems.add(new Violation(
                        field + ".conductCategories",
                        "conduct-category-required",
                        "map the offence to at least one conduct category"));
            }
            if (offence.withoutRightBasis() != null
                    && offence.withoutRightBasis().length() > MAX_BASIS) {
                problems.add(new Violation(
                        field + ".withoutRightBasis", "text-too-long", "at most " + MAX_BASIS + " characters"));
            }
            var months = offence.maximumPenaltyMonths();
            if (months == null || months < 0 || months > MAX_MONTHS) {
                problems.add(new Violation(
                        field + ".maximumPenaltyMonths",
                        "maximum-penalty",
                        "give the maximum deprivation of liberty in months (0 to " + MAX_MONTHS + ")"));
            }
        }
        return problems;
    }
}
