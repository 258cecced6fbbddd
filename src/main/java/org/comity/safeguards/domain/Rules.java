package org.comity.safeguards.domain;

import java.util.List;

/** The built-in rules, each a small named class with its own tests. */
public final class Rules {

    private Rules() {}

    public static List<Rule> all() {
        return List.of(
                new LegalBasisInForce(),
                new ReservationExcludesMeasure(),
                new OffenceWithinScope(),
                new DualCriminalityOnConduct(),
                new PersecutionIndicators(),
                new PoliticalOffence(),
                new ExpressionRelatedOffence(),
                new ProtectedRoles(),
                new AuthorisedTesting(),
                new IntrusivenessMatchesGravity(),
                new BoundedPeriod(),
                new SpecificTargets(),
                new NumberOfSubjects(),
                new MeasureConditionsStated(),
                new CompelledAssistanceOrder(),
                new EmergencyJustified(),
                new DeathPenaltyRisk(),
                new NeBisInIdem(),
                new DataProtectionConditions(),
                new CriminalNature(),
                new ProtectionStatus(),
                new FamilyOfSuspect(),
                new OnwardRecipient(),
                new NeverGroundsForRefusal(),
                new SubjectTargetedRepeatedly(),
                new RequestingStateRecord(),
                new PolicyPackRules());
    }

    /**
     * What is wrong with the rules' declared sources: a citation key the file lacks, a human-rights
     * source whose key cites a cooperation treaty (or nothing of human-rights law), a treaty source
     * whose key cites a human-rights instrument. Empty when all hold.
     */
    public static List<String> checkAttributions(
            List<Rule> rules, Citations citations, java.util.Set<String> humanRightsInstruments) {
        var problems = new java.util.ArrayList<String>();
        for (Rule rule : rules) {
            for (Attribution a : rule.attributions()) {
                if (a.citation() == null) {
                    continue;
                }
                if (!citations.has(a.citation())) {
                    problems.add(rule.id() + ": source key '" + a.citation() + "' is not in safeguards/citations.yaml");
                    continue;
                }
                var variants = citations.all().entrySet().stream()
                        .filter(e ->
                                e.getKey().equals(a.citation()) || e.getKey().startsWith(a.citation() + "@"))
                        .flatMap(e -> e.getValue().stream())
                        .toList();
                boolean humanRights = a.type().equals("human-rights-law");
                for (var c : variants) {
                    if (humanRights != humanRightsInstruments.contains(c.instrument())) {
                        problems.add(rule.id() + ": " + a.type() + " source '" + a.citation() + "' cites " + c.text());
                    }
                }
            }
        }
        return problems;
    }
}
