package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.AssessmentInput.Matter;
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
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("bank-secrecy"), Attribution.treaty("fiscal"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        if (input.matters().contains(Matter.BANK_SECRECY)) {
            findings.add(
                    this,
                    Severity.NOTE,
                    context.treaty("bank-secrecy"),
                    List.of("bank-secrecy"),
                    Findings.message(
                            context.underUncc()
                                    ? "never-grounds.bank-secrecy-uncc"
                                    : "never-grounds.bank-secrecy-other",
                            "state",
                            context.requested(),
                            "instrument",
                            context.instrumentWord()),
                    List.of("matters"));
        }
        var fiscal = context.offences().stream()
                .filter(o -> o.charged().conduct().contains(FISCAL))
                .toList();
        if (input.matters().contains(Matter.FISCAL) || !fiscal.isEmpty()) {
            var fields = fiscal.isEmpty()
                    ? List.of("matters")
                    : fiscal.stream().map(o -> o.field("conduct")).toList();
            boolean extradition = input.measure().surrender();
            findings.add(
                    this,
                    Severity.NOTE,
                    context.treaty("fiscal"),
                    List.of(extradition ? "fiscal-extradition" : "fiscal"),
                    Findings.explained(
                            "never-grounds.fiscal.explanation",
                            "never-grounds.fiscal.resolution",
                            "case",
                            context.underUncc() ? "uncc" : extradition ? "extradition" : "other",
                            "instrument",
                            context.instrumentWord()),
                    fields);
        }
    }
}
