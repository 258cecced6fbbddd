package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.List;
import org.comity.safeguards.ReviewerFacts;
import org.comity.safeguards.Severity;

/**
 * Cooperation under the instruments is in criminal matters: an offence the requested State knows to be
 * administrative in the requesting State's law (a fine imposed by an administration, not a criminal
 * court) is outside it. Every offence administrative: nothing is in scope, a bar; some: the rest may be
 * granted, a concern. Only the reviewer's characterisation is read: an offence whose nature is not
 * recorded is taken as the request presents it, criminal.
 */
final class CriminalNature implements Rule {

    @Override
    public String id() {
        return "criminal-nature";
    }

    @Override
    public List<Attribution> attributions() {
        return List.of(Attribution.treaty("scope-evidence"), Attribution.treaty("scope-extradition"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var input = context.input();
        if (input.measure().unrequested() || context.offences().isEmpty()) {
            return;
        }
        var facts = input.reviewerFacts();
        var administrative = new ArrayList<ChargedView>();
        var fields = new ArrayList<String>();
        for (var offence : context.offences()) {
            facts.offence(offence.index())
                    .filter(f -> f.nature() == ReviewerFacts.LegalNature.ADMINISTRATIVE)
                    .ifPresent(f -> {
                        administrative.add(offence);
                        fields.add("reviewer.offences[" + facts.offences().indexOf(f) + "].nature");
                    });
        }
        if (administrative.isEmpty()) {
            return;
        }
        boolean all = administrative.size() == context.offences().size();
        var key = input.measure().surrender() ? "scope-extradition" : "scope-evidence";
        findings.add(
                this,
                all ? Severity.BAR : Severity.CONCERN,
                context.treaty(key),
                List.of(key),
                Findings.message(
                        all ? "criminal-nature.all" : "criminal-nature.some",
                        "offences",
                        administrative.stream().map(ChargedView::label).toList(),
                        "count",
                        administrative.size(),
                        "instrument",
                        context.instrumentWord(),
                        "act",
                        context.actWord(),
                        "state",
                        context.requested()),
                fields);
    }
}
