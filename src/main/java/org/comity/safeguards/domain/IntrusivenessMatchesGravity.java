package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Severity;
import org.comity.treaty.DataCategory;

/**
 * Proportionality: the more intrusive the data (subscriber &lt; traffic &lt; stored content &lt;
 * real-time traffic &lt; interception of content), the graver the offence must be. The scale and the
 * threshold used (the Convention's serious-crime definition) are Comity's own review test. Content and
 * real-time collection below it need a senior reviewer; interception of content below it is a refusal
 * ground to weigh, since interception is owed only for serious offences as the requested State's law
 * determines them.
 */
final class IntrusivenessMatchesGravity implements Rule {

    @Override
    public String id() {
        return "intrusiveness-vs-gravity";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.ADVISORY_PRACTICE, Attribution.treaty("interception"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        if (!input.measure().seeksData() || context.offences().isEmpty()) {
            return;
        }
        var measure = input.measure();
        boolean content = input.data() != null && input.data().categories().contains(DataCategory.CONTENT);
        boolean intercepts = measure.seeksContent();
        String what;
        if (intercepts) {
            what = "interception";
        } else if (measure.continuing()) {
            what = "realtime";
        } else if (content && !measure.preserves()) {
            what = "content";
        } else {
            return;
        }
        var gravest = context.offences().stream()
                .max(java.util.Comparator.comparingLong(ChargedView::maximumMonths))
                .orElseThrow();
        if (gravest.maximumMonths() < 0 || context.seriousCrime(gravest)) {
            return;
        }
        findings.add(
                this,
                intercepts ? Severity.GROUND : Severity.CONCERN,
                intercepts ? context.treaty("interception") : Context.ADVISORY,
                intercepts ? List.of("proportionality", "interception") : List.of("proportionality"),
                Findings.message(
                        "intrusiveness-vs-gravity",
                        "what",
                        what,
                        "maximum",
                        gravest.maximumWord(),
                        "months",
                        context.seriousCrimeMonths(),
                        "state",
                        context.requested()),
                List.of("kind", "data.categories", gravest.field("maximumPenaltyMonths")));
    }
}
