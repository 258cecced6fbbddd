package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.Severity;
import org.comity.treaty.Answer;
import org.comity.treaty.Citation;
import org.comity.treaty.LegalBasis;
import org.comity.treaty.Reason;

/**
 * The instrument the request names must be in force between the two States on the request date. No
 * legal basis is a bar; when the treaty records cannot tell, a senior reviewer looks.
 */
final class LegalBasisInForce implements Rule {

    @Override
    public String id() {
        return "legal-basis-in-force";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var named = input.legalBasis();
        var basis = context.legalBasis();
        var pair = input.requesting() + " and " + input.requested() + " on " + input.requestDate();
        var alternatives = basis.instruments().stream()
                .filter(o -> o.answer() == Answer.YES && !o.instrument().equals(named))
                .map(LegalBasis.Option::instrument)
                .toList();
        var switchTo = alternatives.isEmpty()
                ? "No other instrument on record is in force between them; assistance would need another basis"
                        + " (a bilateral treaty, or reciprocity where the requested State's law allows it)."
                : "Name an instrument that is in force between them: " + Words.and(alternatives) + ".";
        if (named == null || named.isBlank()) {
            findings.add(
                    this,
                    Severity.BAR,
                    List.of("legal-basis"),
                    "The request names no legal basis (field legalBasis). A request must rest on an instrument in"
                            + " force between " + pair + ".",
                    List.of("legalBasis"),
                    switchTo);
            return;
        }
        var option = basis.instruments().stream()
                .filter(o -> o.instrument().equals(named))
                .findFirst();
        if (option.isEmpty()) {
            findings.add(
                    this,
                    Severity.BAR,
                    List.of("legal-basis"),
                    "The legal basis named (legalBasis = " + named + ") is not an instrument that can apply between "
                            + input.requesting() + " and " + input.requested() + ".",
                    List.of("legalBasis"),
                    switchTo);
            return;
        }
        var answer = option.get().answer();
        if (answer == Answer.YES) {
            return;
        }
        var cited = new ArrayList<>(context.citations().forInstrument(context.instrument(), List.of("legal-basis")));
        var reasons = new ArrayList<String>();
        for (Reason reason : option.get().reasons()) {
            reasons.add(reason.text());
            for (Citation c : reason.citations()) {
                if (!cited.contains(c)) {
                    cited.add(c);
                }
            }
        }
        var why = reasons.isEmpty() ? "" : " The treaty registry says: " + String.join("; ", reasons) + ".";
        if (answer == Answer.NO) {
            findings.add(
                    id(),
                    Severity.BAR,
                    cited,
                    named + " (legalBasis) is not in force between " + pair + ", so it cannot be the basis of this"
                            + " request." + why,
                    List.of("legalBasis", "requestDate"),
                    switchTo);
        } else {
            findings.add(
                    id(),
                    Severity.CONCERN,
                    cited,
                    "The treaty records do not show whether " + named + " (legalBasis) is in force between " + pair
                            + "." + why,
                    List.of("legalBasis", "requestDate"),
                    "Confirm both States' consent to be bound and its date with the depositary, and record the"
                            + " treaty action; or name an instrument known to be in force.");
        }
    }
}
