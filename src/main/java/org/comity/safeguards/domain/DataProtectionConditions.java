package org.comity.safeguards.domain;

import java.util.List;
import org.comity.safeguards.Severity;
import org.comity.shared.CountryCode;

/**
 * Personal data: a State need not transfer data it cannot transfer lawfully and may impose conditions;
 * onward transfer to a third State or an international organisation needs the transferring State's
 * prior authorisation. Speciality is automatic under the UN Convention (a note that it is not recorded
 * as an express condition); under other instruments it is a condition the requested State may impose,
 * so its absence needs a reviewer's look.
 */
final class DataProtectionConditions implements Rule {

    @Override
    public String id() {
        return "data-protection";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("speciality"), Attribution.treaty("data-protection"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        if (!input.measure().seeksData()) {
            return;
        }
        var use = input.use();
        if ((use == null || !use.speciality()) && context.underUncc()) {
            findings.add(
                    this,
                    Severity.NOTE,
                    context.treaty("speciality"),
                    List.of("speciality"),
                    Findings.message("data-protection.speciality-uncc", "state", context.requested()),
                    List.of("use.speciality"));
        } else if (use == null || !use.speciality()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    context.treaty("speciality"),
                    List.of("speciality", "data-protection"),
                    Findings.message(
                            "data-protection.speciality-other",
                            "state",
                            context.requested(),
                            "instrument",
                            context.instrumentWord()),
                    List.of("use.speciality"));
        }
        if (use != null && !use.onwardTransferTo().isEmpty()) {
            var to = use.onwardTransferTo().stream().map(CountryCode::value).toList();
            var key = use.onwardTransferNeedsConsent()
                    ? "data-protection.onward-with-consent"
                    : "data-protection.onward-without-consent";
            findings.add(
                    this,
                    use.onwardTransferNeedsConsent() ? Severity.NOTE : Severity.GROUND,
                    context.treaty("data-protection"),
                    List.of("data-protection"),
                    Findings.message(key, "to", to),
                    List.of("use.onwardTransferTo", "use.onwardTransferNeedsConsent"));
        }
    }
}
