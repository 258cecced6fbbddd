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
                    List.of("speciality"),
                    "No speciality condition is recorded (use.speciality). The UN Convention already limits use"
                            + " of what is transmitted to the proceedings the request states unless "
                            + context.requested() + " consents in advance.",
                    List.of("use.speciality"),
                    "Record speciality as an express condition of the transfer.");
        } else if (use == null || !use.speciality()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    List.of("speciality", "data-protection"),
                    "No speciality condition is recorded (use.speciality). Under " + context.instrumentName()
                            + " limiting use to the proceedings the request states is a condition "
                            + context.requested() + " may impose (where no mutual assistance treaty between them"
                            + " provides otherwise), not an automatic rule: without it nothing limits the use of"
                            + " the data.",
                    List.of("use.speciality"),
                    "Make speciality a condition of any transfer.");
        }
        if (use != null && !use.onwardTransferTo().isEmpty()) {
            var to = Words.and(
                    use.onwardTransferTo().stream().map(CountryCode::value).toList());
            findings.add(
                    this,
                    use.onwardTransferNeedsConsent() ? Severity.NOTE : Severity.GROUND,
                    List.of("data-protection"),
                    "The request foresees passing the data on to " + to + " (use.onwardTransferTo)"
                            + (use.onwardTransferNeedsConsent()
                                    ? ", subject to prior authorisation."
                                    : " without the transferring State's prior authorisation"
                                            + " (use.onwardTransferNeedsConsent), which onward transfer to a third"
                                            + " State or an international organisation needs."),
                    List.of("use.onwardTransferTo", "use.onwardTransferNeedsConsent"),
                    use.onwardTransferNeedsConsent()
                            ? "Decide on the onward transfer when it is asked for, under the data-protection law."
                            : "Make onward transfer subject to prior authorisation, or refuse the transfer of"
                                    + " personal data that cannot lawfully go on.");
        }
    }
}
