package org.comity.casework.ui;

import static org.comity.casework.ui.Inputs.blank;
import static org.comity.casework.ui.Inputs.trim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.comity.casework.domain.RequestContent;
import org.comity.safeguards.CompelledAssistance;
import org.comity.shared.CountryCode;
import org.comity.shared.Violation;
import org.jspecify.annotations.Nullable;

/** Step 4: urgency, the safeguards of a coercive measure, confidentiality and conditions on use. */
record ConditionsForm(
        RequestContent.Urgency.@Nullable Level urgency,
        @Nullable String imminentRisk,
        @Nullable String authorisingBody,
        boolean judicialOrIndependent,
        @Nullable String legalGrounds,
        @Nullable String proportionality,
        @Nullable String durationDays,
        Set<CompelledAssistance> compelled,
        boolean confidential,
        @Nullable String confidentialUntil,
        boolean speciality,
        boolean onwardTransferNeedsConsent,
        List<String> onwardTransferTo,
        @Nullable String otherConditions)
        implements StepForm {

    ConditionsForm {
        onwardTransferTo = List.copyOf(onwardTransferTo);
    }

    static ConditionsForm read(Posted p) {
        return new ConditionsForm(
                p.constant("urgency", RequestContent.Urgency.Level.class),
                p.one("imminentRisk"),
                p.one("authorisingBody"),
                p.flag("judicialOrIndependent"),
                p.one("legalGrounds"),
                p.one("proportionality"),
                p.one("durationDays"),
                p.constants("compelled", CompelledAssistance.class),
                p.flag("confidential"),
                p.one("confidentialUntil"),
                p.flag("speciality"),
                p.flag("onwardTransferNeedsConsent"),
                p.all("onwardTransferTo"),
                p.one("otherConditions"));
    }

    static ConditionsForm of(RequestContent c) {
        var urgency = c.urgency();
        var safeguards = c.safeguards();
        var conf = c.confidentiality();
        var cond = c.conditions();
        return new ConditionsForm(
                urgency == null ? null : urgency.level(),
                urgency == null ? null : urgency.imminentRisk(),
                safeguards == null ? null : safeguards.authorisingBody(),
                safeguards != null && safeguards.judicialOrIndependent(),
                safeguards == null ? null : safeguards.legalGrounds(),
                safeguards == null ? null : safeguards.proportionality(),
                safeguards == null || safeguards.durationDays() == null
                        ? null
                        : safeguards.durationDays().toString(),
                c.compelled(),
                conf != null && conf.required(),
                conf == null || conf.endsOn() == null ? null : conf.endsOn().toString(),
                cond != null && cond.speciality(),
                cond != null && cond.onwardTransferNeedsConsent(),
                cond == null
                        ? List.of()
                        : cond.onwardTransferTo().stream()
                                .map(CountryCode::value)
                                .toList(),
                cond == null ? null : cond.other());
    }

    @Override
    public RequestContent applyTo(RequestContent content, List<Violation> problems) {
        // The console picks States from the registry (several options of one select); a client posting a
        // list in one value ("XC, XD") is read the same way.
        var onward = new ArrayList<CountryCode>();
        for (String posted : onwardTransferTo) {
            for (String code : posted.strip().split("[,;\\s]+")) {
                if (blank(code)) {
                    continue;
                }
                var state = Inputs.state(code, "onwardTransferTo", problems);
                if (state != null && !onward.contains(state)) {
                    onward.add(state);
                }
            }
        }
        var until = Inputs.date(confidentialUntil, "confidentialUntil", problems);
        var duration = Inputs.number(durationDays, "durationDays", problems);
        return content.withUrgency(new RequestContent.Urgency(urgency, trim(imminentRisk)))
                .withSafeguards(new RequestContent.MeasureSafeguards(
                        trim(authorisingBody),
                        judicialOrIndependent,
                        trim(legalGrounds),
                        trim(proportionality),
                        duration))
                .withConfidentiality(new RequestContent.Confidentiality(confidential, until))
                .withConditions(new RequestContent.UseConditions(
                        speciality, onwardTransferNeedsConsent, trim(otherConditions), onward))
                .withCompelled(compelled);
    }

    @Override
    public @Nullable String inputFor(String path) {
        if (path.startsWith("urgency")) {
            return path.endsWith("imminentRisk") ? "imminentRisk" : "urgency";
        }
        if (path.startsWith("safeguards.")) {
            return path.substring("safeguards.".length());
        }
        if (path.startsWith("confidentiality")) {
            return "confidentialUntil";
        }
        if (path.startsWith("conditions.onwardTransferTo")) {
            return "onwardTransferTo";
        }
        return ContentForm.Step.CONDITIONS.holds(path) ? path : null;
    }
}
