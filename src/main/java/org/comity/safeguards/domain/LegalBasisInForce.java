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
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("legal-basis"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        var named = input.legalBasis();
        var basis = context.legalBasis();
        var source = context.treaty("legal-basis");
        var alternatives = basis.instruments().stream()
                .filter(o -> o.answer() == Answer.YES && !o.instrument().equals(named))
                .map(LegalBasis.Option::instrument)
                .toList();
        var resolution =
                alternatives.isEmpty() ? "legal-basis-in-force.no-alternative" : "legal-basis-in-force.alternative";
        Object[] pair = {
            "requesting", input.requesting().value(),
            "requested", input.requested().value(),
            "date", String.valueOf(input.requestDate()),
            "alternatives", alternatives
        };
        if (named == null || named.isBlank()) {
            findings.add(
                    this,
                    Severity.BAR,
                    source,
                    List.of("legal-basis"),
                    Findings.explained("legal-basis-in-force.none.explanation", resolution, pair),
                    List.of("legalBasis"));
            return;
        }
        var option = basis.instruments().stream()
                .filter(o -> o.instrument().equals(named))
                .findFirst();
        if (option.isEmpty()) {
            findings.add(
                    this,
                    Severity.BAR,
                    source,
                    List.of("legal-basis"),
                    Findings.explained(
                            "legal-basis-in-force.not-applicable.explanation", resolution, with(pair, "named", named)),
                    List.of("legalBasis"));
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
        // The registry's reasons are its own English sentences; they are quoted, not translated.
        var args = with(
                with(pair, "instrument", context.instrumentWord()),
                "reasons",
                reasons.isEmpty() ? "none" : String.join("; ", reasons));
        if (answer == Answer.NO) {
            findings.add(
                    id(),
                    Severity.BAR,
                    source,
                    cited,
                    Findings.explained("legal-basis-in-force.not-in-force.explanation", resolution, args),
                    List.of("legalBasis", "requestDate"));
        } else {
            findings.add(
                    id(),
                    Severity.CONCERN,
                    source,
                    cited,
                    Findings.message("legal-basis-in-force.unknown", args),
                    List.of("legalBasis", "requestDate"));
        }
    }

    private static Object[] with(Object[] args, String name, Object value) {
        var more = java.util.Arrays.copyOf(args, args.length + 2);
        more[args.length] = name;
        more[args.length + 1] = value;
        return more;
    }
}
