package org.comity.safeguards.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Severity;

/**
 * Limits on scope and duration: the data sought needs a period with both ends; a very long period
 * needs a senior reviewer's look at why.
 */
final class BoundedPeriod implements Rule {

    @Override
    public String id() {
        return "bounded-period";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE);
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var data = input.data();
        if (!input.measure().seeksData() || input.measure().preserves() || data == null) {
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
                    Context.ADVISORY,
                    List.of("proportionality"),
                    Findings.message("bounded-period.open", "missing", fields.size() == 2 ? "both" : "end"),
                    fields);
            return;
        }
        // Beyond the pack's threshold (two years by default) a reviewer should see why the period is needed.
        int longDays = context.pack().settings().thresholds().longPeriodDays();
        var length = Duration.between(data.from(), data.to());
        if (length.compareTo(Duration.ofDays(longDays)) > 0) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    Context.ADVISORY,
                    List.of("proportionality"),
                    Findings.message(
                            "bounded-period.long",
                            "days",
                            length.toDays(),
                            "threshold",
                            longDays == PolicyPack.Thresholds.DEFAULTS.longPeriodDays() ? 0 : longDays),
                    List.of("data.from", "data.to"));
        }
    }
}
