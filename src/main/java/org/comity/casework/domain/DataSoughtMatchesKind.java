package org.comity.casework.domain;

import static org.comity.casework.domain.ContentRule.blank;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.comity.shared.Violation;
import org.comity.treaty.DataCategory;
import org.comity.treaty.KindOfAssistance;

/**
 * A request for data says which categories, over which period and from which provider, and the
 * categories fit the kind: disclosure of preserved traffic data and real-time collection are about
 * traffic data only, interception is about content. A specific period keeps requests from becoming
 * fishing expeditions.
 */
final class DataSoughtMatchesKind implements ContentRule {

    @Override
    public List<Violation> check(KindOfAssistance kind, RequestContent content, LocalDate today) {
        var problems = new ArrayList<Violation>();
        if (!kind.seeksData()) {
            return problems;
        }
        var data = content.dataSought();
        if (data == null) {
            problems.add(new Violation("content.dataSought", "data-sought-required", "describe the data sought"));
            return problems;
        }
        if (data.categories().isEmpty()) {
            problems.add(new Violation(
                    "content.dataSought.categories",
                    "data-category-required",
                    "choose subscriber, traffic or content data"));
        }
        var allowed = kind.maySeek();
        if (!allowed.containsAll(data.categories())) {
            problems.add(new Violation(
                    "content.dataSought.categories",
                    "data-category-not-for-kind",
                    "a request of this kind may only seek " + allowed));
        }
        if (kind.seeksContent() && !data.categories().contains(DataCategory.CONTENT)) {
            problems.add(new Violation(
                    "content.dataSought.categories",
                    "interception-seeks-content",
                    "an interception request seeks content data"));
        }
        if (data.from() == null) {
            problems.add(
                    new Violation("content.dataSought.from", "period-start-required", "give the start of the period"));
        }
        if (data.to() == null) {
            problems.add(new Violation("content.dataSought.to", "period-end-required", "give the end of the period"));
        }
        if (data.from() != null && data.to() != null && !data.from().isBefore(data.to())) {
            problems.add(new Violation("content.dataSought.to", "period-order", "the period must end after it starts"));
        }
        if (blank(data.provider())) {
            problems.add(new Violation(
                    "content.dataSought.provider",
                    "provider-required",
                    "name the service provider or custodian holding the data"));
        }
        return problems;
    }
}
