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
import org.comity.safeguards.FindingMessage;
import org.comity.safeguards.FindingSource;
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
    public List<Attribution> attributions() {
        return List.of(
                Attribution.treaty("persecution"),
                Attribution.REQUESTED_STATE_LAW,
                Attribution.humanRights("non-discrimination"));
    }

    @Override
    public void assess(Context context, Findings findings) {
        var settings = context.pack().settings();
        var recorded = new TreeSet<Characteristic>();
        var fields = new ArrayList<String>();
        int subjectsWith = 0;
        var subjects = context.input().subjects();
        for (int i = 0; i < subjects.size(); i++) {
            var characteristics = subjects.get(i).characteristics();
            if (characteristics.isEmpty()) {
                continue;
            }
            subjectsWith++;
            fields.add(Words.subject(i) + ".characteristics");
            recorded.addAll(characteristics);
        }
        var targeted = new TreeSet<Characteristic>();
        var tied = new ArrayList<String>();
        for (ChargedView o : context.offences()) {
            var punished = EnumSet.noneOf(Characteristic.class);
            if (o.flags().contains(OffenceFlag.POLITICAL)) {
                punished.add(Characteristic.POLITICAL_OPINION);
            }
            o.charged().conduct().forEach(c -> punished.addAll(TARGETS.getOrDefault(c, Set.of())));
            if (punished.isEmpty()) {
                continue;
            }
            fields.add(o.field(o.flags().contains(OffenceFlag.POLITICAL) ? "flags" : "conduct"));
            targeted.addAll(punished);
            tied.add(o.label());
        }
        var all = new TreeSet<Characteristic>(recorded);
        all.addAll(targeted);
        if (all.isEmpty()) {
            return;
        }
        // Art 40(22)'s list is cited for its own characteristics only; what a pack adds is the requested
        // State's ground, and the rest is for human-rights law: three findings, each with its own source.
        var convention = all.stream().filter(Characteristic::conventionGround).toList();
        var packAdded = all.stream()
                .filter(c -> !c.conventionGround() && settings.persecutionGround(c))
                .toList();
        var others = all.stream().filter(c -> !settings.persecutionGround(c)).toList();
        var extradition = context.input().measure().surrender();
        if (!convention.isEmpty()) {
            var cite = extradition ? List.of("persecution", "persecution-extradition") : List.of("persecution");
            findings.add(
                    this,
                    Severity.GROUND,
                    context.underUncc() ? context.treaty("persecution") : context.requestedStateLaw(),
                    cite,
                    message(
                            context.underUncc()
                                    ? "persecution-indicators.convention.explanation"
                                    : "persecution-indicators.no-clause.explanation",
                            "persecution-indicators.ground.resolution",
                            context,
                            convention,
                            subjectsWith,
                            tied),
                    fields);
        }
        if (!packAdded.isEmpty()) {
            findings.add(
                    this,
                    Severity.GROUND,
                    context.requestedStateLaw(),
                    List.of("essential-interests", "non-discrimination"),
                    message(
                            "persecution-indicators.pack.explanation",
                            "persecution-indicators.ground.resolution",
                            context,
                            packAdded,
                            subjectsWith,
                            tied),
                    fields);
        }
        if (!others.isEmpty()) {
            findings.add(
                    this,
                    Severity.CONCERN,
                    new FindingSource.HumanRightsLaw("ICCPR", "non-discrimination"),
                    List.of("non-discrimination", "essential-interests"),
                    message(
                            "persecution-indicators.human-rights.explanation",
                            "persecution-indicators.human-rights.resolution",
                            context,
                            others,
                            subjectsWith,
                            tied),
                    fields);
        }
    }

    private static FindingMessage message(
            String explanation,
            String resolution,
            Context context,
            List<Characteristic> characteristics,
            int subjects,
            List<String> tied) {
        return Findings.explained(
                explanation,
                resolution,
                "characteristics",
                characteristics.stream().map(c -> "@characteristic." + c.code()).toList(),
                "count",
                characteristics.size(),
                "subjects",
                subjects,
                "tied",
                tied.isEmpty() ? List.of("-") : tied,
                "tiedCount",
                tied.size(),
                "state",
                context.requested(),
                "instrument",
                context.instrumentWord());
    }
}
