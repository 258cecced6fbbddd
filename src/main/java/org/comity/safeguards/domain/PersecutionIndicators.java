package org.comity.safeguards.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.comity.jurisdiction.ConductCode;
import org.comity.jurisdiction.OffenceFlag;
import org.comity.safeguards.Characteristic;
import org.comity.safeguards.Measure;
import org.comity.safeguards.Severity;

/**
 * The persecution clause: substantial grounds to believe the request aims at a person on account of
 * sex, race, language, religion, nationality, ethnic origin or political opinions (plus what the
 * requested State's pack adds). Indicators come from what is recorded about the subjects and from what
 * the offences punish. A human decides; the rule makes sure the question is asked.
 */
final class PersecutionIndicators implements Rule {

    /** Conduct whose very definition targets a characteristic (vocabulary codes, not article numbers). */
    private static final Map<ConductCode, Set<Characteristic>> TARGETS = Map.of(
            new ConductCode("sogi-propaganda"),
            Set.of(Characteristic.SEXUAL_ORIENTATION, Characteristic.GENDER_IDENTITY),
            new ConductCode("blasphemy"),
            Set.of(Characteristic.RELIGION),
            new ConductCode("consensual-same-sex-relations"),
            Set.of(Characteristic.SEXUAL_ORIENTATION));

    @Override
    public String id() {
        return "persecution-indicators";
    }

    @Override
    public void assess(Context context, Findings findings) {
        var settings = context.pack().settings();
        var grounds = new TreeSet<Characteristic>();
        var others = new TreeSet<Characteristic>();
        var fields = new ArrayList<String>();
        var why = new ArrayList<String>();
        var subjects = context.input().subjects();
        for (int i = 0; i < subjects.size(); i++) {
            var recorded = subjects.get(i).characteristics();
            if (recorded.isEmpty()) {
                continue;
            }
            fields.add(Words.subject(i) + ".characteristics");
            var words = new ArrayList<String>();
            for (Characteristic c : new TreeSet<>(recorded)) {
                (settings.persecutionGround(c) ? grounds : others).add(c);
                words.add(c.words());
            }
            why.add(Words.subject(i) + " is recorded with " + Words.and(words));
        }
        for (ChargedView o : context.offences()) {
            var targeted = EnumSet.noneOf(Characteristic.class);
            if (o.flags().contains(OffenceFlag.POLITICAL)) {
                targeted.add(Characteristic.POLITICAL_OPINION);
            }
            o.charged().conduct().forEach(c -> targeted.addAll(TARGETS.getOrDefault(c, Set.of())));
            if (targeted.isEmpty()) {
                continue;
            }
            fields.add(o.field(o.flags().contains(OffenceFlag.POLITICAL) ? "flags" : "conduct"));
            for (Characteristic c : targeted) {
                (settings.persecutionGround(c) ? grounds : others).add(c);
            }
            why.add(o.label() + " punishes conduct tied to "
                    + Words.and(targeted.stream().map(Characteristic::words).toList()));
        }
        var cite = context.input().measure() == Measure.EXTRADITION
                ? List.of("persecution", "persecution-extradition")
                : List.of("persecution");
        if (!grounds.isEmpty()) {
            findings.add(
                    this,
                    Severity.GROUND,
                    cite,
                    "There are indications that the request may aim at, or prejudice, a person on account of "
                            + Words.and(
                                    grounds.stream().map(Characteristic::words).toList())
                            + (grounds.stream().allMatch(Characteristic::conventionGround)
                                    ? ""
                                    : " (" + context.input().requested() + "'s policy pack adds "
                                            + Words.and(grounds.stream()
                                                    .filter(c -> !c.conventionGround())
                                                    .map(Characteristic::words)
                                                    .toList())
                                            + " to the Convention's grounds)")
                            + ": " + String.join("; ", why) + "."
                            + (context.underUncc()
                                    ? " If there are substantial grounds to believe so, the UN Convention does not"
                                            + " oblige " + context.requested() + " to assist."
                                    : " " + Words.sentence(context.instrumentName()) + " has no persecution clause;"
                                            + " " + context.requested() + " weighs this under its law and essential"
                                            + " interests."),
                    fields,
                    "Decide whether there are substantial grounds to believe so; if assistance is given, record why"
                            + " the indicators do not hold, with a second approver.");
        } else if (!others.isEmpty()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    cite,
                    "The request concerns "
                            + Words.and(
                                    others.stream().map(Characteristic::words).toList())
                            + " (" + String.join("; ", why) + "). "
                            + (context.underUncc()
                                    ? "The UN Convention's persecution clause does not name "
                                            + (others.size() == 1 ? "it" : "them")
                                            + " and the requested State's pack does not add "
                                            + (others.size() == 1 ? "it" : "them")
                                            + ", but targeting on that account can still fall under the clause (for"
                                            + " example as sex or political opinion) or under essential interests."
                                    : Words.sentence(context.instrumentName())
                                            + " has no persecution clause and the requested State's pack does not"
                                            + " add " + (others.size() == 1 ? "it" : "them") + " as a ground; "
                                            + context.requested() + " weighs targeting on that account under its"
                                            + " law and essential interests."),
                    fields,
                    "A senior reviewer decides whether the request targets the person on that account.");
        }
    }
}
