package org.comity.casework.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.KindOfAssistance;

/**
 * A prior proceeding says where it took place, against which listed subject, for what conduct and with
 * what outcome. The safeguards engine can weigh ne bis in idem only for a complete one, and leaves an
 * incomplete one out, so each gap is named here rather than quietly ignored.
 */
final class PriorProceedingsComplete implements ContentRule {

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var problems = new ArrayList<Violation>();
        var proceedings = content.priorProceedings();
        for (int i = 0; i < proceedings.size(); i++) {
            var proceeding = proceedings.get(i);
            var field = "content.priorProceedings[" + i + "]";
            if (proceeding.state() == null) {
                problems.add(new Violation(
                        field + ".state",
                        "prior-proceeding-state-required",
                        "say in which State the earlier proceeding took place"));
            }
            var subject = proceeding.subject();
            if (subject == null) {
                problems.add(new Violation(
                        field + ".subject",
                        "prior-proceeding-subject-required",
                        "say which of the listed subjects the earlier proceeding was against"));
            } else if (subject < 0 || subject >= content.subjects().size()) {
                problems.add(new Violation(
                        field + ".subject",
                        "prior-proceeding-subject-unknown",
                        "subject " + subject + " is not one of the "
                                + content.subjects().size() + " listed subjects (counted from 0)"));
            }
            if (proceeding.conduct().isEmpty()) {
                problems.add(new Violation(
                        field + ".conduct",
                        "prior-proceeding-conduct-required",
                        "give the conduct categories the earlier proceeding was about"));
            }
            if (proceeding.outcome() == null) {
                problems.add(new Violation(
                        field + ".outcome",
                        "prior-proceeding-outcome-required",
                        "say how the earlier proceeding ended (acquitted, convicted, pardoned, discontinued)"
                                + " or that it is pending"));
            }
        }
        return problems;
    }
}
