package org.comity.safeguards.domain;

import java.util.List;
import org.comity.jurisdiction.ConductCode;
import org.comity.safeguards.AssessmentInput.Matter;
import org.comity.safeguards.Severity;

/**
 * Bank secrecy and the fiscal nature of an offence are never grounds for refusal. This rule only ever
 * adds a note saying so, so a reviewer does not refuse on them; no rule may turn them into a ground.
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
                    "The request touches on information covered by bank secrecy (matters). Bank secrecy is not a"
                            + " ground for refusing assistance.",
                    List.of("matters"),
                    "Do not refuse on this ground; apply the ordinary conditions.");
        }
        var fiscal = context.offences().stream()
                .filter(o -> o.charged().conduct().contains(FISCAL))
                .toList();
        if (input.matters().contains(Matter.FISCAL) || !fiscal.isEmpty()) {
            var fields = fiscal.isEmpty()
                    ? List.of("matters")
                    : fiscal.stream().map(o -> o.field("conduct")).toList();
            findings.add(
                    this,
                    Severity.NOTE,
                    List.of("fiscal"),
                    "The offence involves fiscal matters (" + String.join(", ", fields) + "). That the offence is"
                            + " considered to involve fiscal matters is not a ground for refusing assistance.",
                    fields,
                    "Do not refuse on this ground; the scope and the other rules apply as for any offence.");
        }
    }
}
