package org.comity.safeguards.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Measure;
import org.comity.safeguards.Severity;

/**
 * Limits on scope and duration: the data sought needs a period with both ends; a very long period
 * needs a senior reviewer's look at why.
 */
final class BoundedPeriod implements Rule {

    /** Beyond this the period is long enough that a reviewer should see why it is needed. */
    static final Duration LONG_PERIOD = Duration.ofDays(2 * 366);

    @Override
    public String id() {
        return "bounded-period";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var data = input.data();
        if (!input.measure().seeksData() || input.measure() == Measure.EXPEDITED_PRESERVATION || data == null) {
            return;
        }
        if (data.from() == null || data.to() == null) {
            var fields = new ArrayList<String>();
            if (data.from() == null) {
                fields.add("data.from");
            }
            if (data.to() == null) {
                fields.add("data.to");
            }
            findings.add(
                    this,
                    Severity.CONCERN,
                    List.of("proportionality"),
                    "The data sought has no " + (fields.size() == 2 ? "period" : "end to its period") + " ("
                            + Words.and(fields) + "): the measure is not limited in time.",
                    fields,
                    "Give the period the facts justify, from the earliest to the latest relevant date.");
            return;
        }
        var length = Duration.between(data.from(), data.to());
        if (length.compareTo(LONG_PERIOD) > 0) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    List.of("proportionality"),
                    "The data sought covers " + length.toDays() + " days (data.from to data.to). Comity review"
                            + " threshold: more than two years needs a reviewer's look at why.",
                    List.of("data.from", "data.to"),
                    "Narrow the period to what the facts justify, or explain why the whole of it is needed.");
        }
    }
}
