package org.comity.casework.domain;

import java.time.LocalDate;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/**
 * Confidentiality is never open-ended in Comity (domain.md §6): a request that must stay confidential
 * says until when, and that date lies in the future.
 */
final class ConfidentialityHasEndDate implements ContentRule {

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var confidentiality = content.confidentiality();
        if (confidentiality == null || !confidentiality.required()) {
            return List.of();
        }
        if (confidentiality.endsOn() == null || !confidentiality.endsOn().isAfter(today)) {
            return List.of(new Violation(
                    "content.confidentiality.endsOn",
                    "confidentiality-end-date",
                    "a confidentiality requirement needs an end date in the future"));
        }
        return List.of();
    }
}
