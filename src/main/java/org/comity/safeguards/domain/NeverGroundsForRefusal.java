package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.AssessmentInput.Matter;
import org.comity.safeguards.Measure;
import org.comity.safeguards.Severity;

/**
 * Bank secrecy and the fiscal nature of an offence are not grounds for refusal under the UN Convention
 * (for mutual legal assistance). The Budapest Convention protects only its own offences from refusal
 * as fiscal offences and has no bank-secrecy clause, so the note says what holds under the instrument
 * the request rests on. This rule only ever adds a note; no rule may turn these into a ground.
 */
final class NeverGroundsForRefusal implements Rule {

    static final ConductCode FISCAL = new ConductCode("tax-evasion");

    @Override
    public String id() {
        return "never-grounds";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        if (input.matters().contains(Matter.BANK_SECRECY)) {
            findings.add(
                    this,
                    Severity.NOTE,
                    List.of("bank-secrecy"),
                    "The request touches on information covered by bank secrecy (matters)."
                            + (context.underUncc()
                                    ? " Under the UN Convention, bank secrecy is not a ground for refusing mutual legal"
                                            + " assistance."
                                    : " " + context.instrumentName() + " has no bank-secrecy clause: "
                                            + context.requested() + "'s law and the applicable treaties decide."),
                    List.of("matters"),
                    context.underUncc()
                            ? "Do not refuse on this ground; apply the ordinary conditions."
                            : "Check what " + context.requested() + "'s law says before relying on it.");
        }
        var fiscal = context.offences().stream()
                .filter(o -> o.charged().conduct().contains(FISCAL))
                .toList();
        if (input.matters().contains(Matter.FISCAL) || !fiscal.isEmpty()) {
            var fields = fiscal.isEmpty()
                    ? List.of("matters")
                    : fiscal.stream().map(o -> o.field("conduct")).toList();
            boolean extradition = input.measure() == Measure.EXTRADITION;
            findings.add(
                    this,
                    Severity.NOTE,
                    List.of(extradition ? "fiscal-extradition" : "fiscal"),
                    "The offence involves fiscal matters (" + String.join(", ", fields) + ")."
                            + (context.underUncc()
                                    ? " That the offence also involves fiscal matters cannot by itself justify"
                                            + " refusal under the UN Convention."
                                    : extradition
                                            ? " Under " + context.instrumentName() + " extradition is subject to the"
                                                    + " requested Party's law and extradition treaties, which decide."
                                            : " Under " + context.instrumentName()
                                                    + " the requested Party may not refuse"
                                                    + " solely because it considers an offence fiscal only for the"
                                                    + " offences the Convention establishes; for others its law and"
                                                    + " treaties decide."),
                    fields,
                    "Do not refuse on this ground alone; the scope and the other rules apply as for any offence.");
        }
    }
}
